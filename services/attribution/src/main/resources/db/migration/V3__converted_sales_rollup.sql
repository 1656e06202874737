-- Sales in another currency per day, currency and rate, so a report lists what it converted without reading the
-- range's sales themselves (kept when a sale is recorded; rebuilt when the workspace's time zone changes).
create table converted_rollup (
    workspace_id text          not null,
    day          date          not null,
    currency     char(3)       not null,
    rate         numeric(18,8) not null,
    sales        bigint        not null default 0,
    primary key (workspace_id, day, currency, rate)
);

insert into converted_rollup (workspace_id, day, currency, rate, sales)
select c.workspace_id, (c.occurred_at at time zone coalesce(s.time_zone, 'UTC'))::date, c.original_currency,
       c.rate, count(*)
from conversion c
left join workspace_settings s on s.workspace_id = c.workspace_id
where c.kind = 'sale' and c.rate <> 1 and c.original_currency is not null
group by 1, 2, 3, 4;
