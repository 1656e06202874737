-- Who sent each email attachment, so erasing a person (contact.erased names their address) finds their files.
alter table email_attachment add column sender varchar(320);
create index email_attachment_sender on email_attachment (workspace_id, sender) where sender is not null;
