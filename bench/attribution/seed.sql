-- A workspace the size the attribution issue names: :touches touches over the last 120 days and :conversions
-- conversions, each credited under the five models, and the daily roll-ups the reports read, built from that
-- credit and those sessions exactly as Rollups.redate builds them. Run by seed.sh against the running system's
-- tutti_attribution; it writes only rows of workspace :'workspace', and running it again first removes that
-- workspace's touches, conversions, credit and roll-ups.
--
-- The shape, each attribute drawn from its own hash of the row number:
--   * contacts: conversions / 2. Each came through 1-5 touches (3 on average) spread over up to 20 days before
--     they became a contact; the last is a first message on a messaging channel 60 % of the time, an earlier
--     one 15 %. Every contact converts as `contact`; 3 in 5 are qualified within 10 days, 2 in 5 buy within
--     20 days (15 % of the sales in another currency).
--   * every other touch is an anonymous web session (visitors with 1.7 sessions each, who never convert).
--   * 12 channels with a realistic skew (search and direct lead); 8 of them run campaigns, 25 each, 200 in
--     all, a few much bigger than the rest; about a third of the touches on those channels name one.
-- Credit follows the models of io.tutti.attribution.model.Attribution over each contact's touches: shares per
-- (channel, campaign), six decimals, the rounding rest to the largest, revenue = amount x share.
\set ON_ERROR_STOP on
\pset tuples_only on
\pset format unaligned
set work_mem = '256MB';
-- A seed can be re-run; its batches need not wait for the WAL flush.
set synchronous_commit = off;

select to_regclass('touch') is not null as schema_ready \gset
\if :schema_ready
\else
\echo 'tutti_attribution has no schema yet: start attribution once (./tutti up) so its migrations run.'
\quit
\endif

-- The workspace's own report settings, or the service's defaults (what SettingsService.of answers).
select coalesce((select time_zone from workspace_settings where workspace_id = :'workspace'), :'default_tz') as tz,
  coalesce((select currency from workspace_settings where workspace_id = :'workspace'), :'default_currency') as currency,
  greatest(1, floor(86400 * coalesce((select half_life_days from workspace_settings where workspace_id = :'workspace'),
    :default_half_life_days)))::bigint as half_life_seconds,
  now() as ending, now() - interval '120 days' as origin,
  (floor(extract(epoch from now()) * 1000))::bigint - :touches - :conversions - 1000 as id_ms,
  to_regclass('converted_rollup') is not null as has_converted_rollup
\gset

\echo 'removing earlier rows of workspace' :workspace
select clock_timestamp() as step_started \gset
begin;
delete from credit c using conversion v where v.id = c.conversion_id and v.workspace_id = :'workspace';
delete from conversion where workspace_id = :'workspace';
delete from touch where workspace_id = :'workspace';
delete from identity where workspace_id = :'workspace' and external_id like 'bench-%';
delete from conversion_rollup where workspace_id = :'workspace';
delete from session_rollup where workspace_id = :'workspace';
\if :has_converted_rollup
delete from converted_rollup where workspace_id = :'workspace';
\endif
commit;
select format('  removed in %s s', round(extract(epoch from clock_timestamp() - :'step_started'::timestamptz)::numeric, 1));

select :touches > 0 as seeding \gset
\if :seeding

-- u(key, salt): a uniform number in [0, 1) of its own for each salt.
create function pg_temp.u(key bigint, salt int) returns float8 language sql immutable parallel safe as
$$ select (hashint8($1 * 64 + $2)::bigint + 2147483648) / 4294967296.0::float8 $$;
-- A UUIDv7 (as UuidV7.next makes them) whose time is ms: ids of one run ascend like the service's own.
create function pg_temp.v7(ms bigint, key bigint) returns uuid language sql immutable parallel safe as
$$ select (lpad(to_hex($1), 12, '0') || '7' || lpad(to_hex(hashint8($2 * 8) & 4095), 3, '0')
    || to_hex(8 + (hashint8($2 * 8 + 1) & 3)) || lpad(to_hex(hashint8($2 * 8 + 2) & 4095), 3, '0')
    || lpad(to_hex(hashint8($2 * 8 + 3)::bigint & 4294967295), 8, '0')
    || lpad(to_hex(hashint8($2 * 8 + 4) & 65535), 4, '0'))::uuid $$;

-- Channels weighted by how often a session or a first message comes through them.
\set web_channels '''{direct,direct,direct,direct,direct,direct,search,search,search,search,search,search,search,search,instagram,instagram,instagram,instagram,instagram,instagram,facebook,facebook,facebook,facebook,facebook,email,email,email,referral,referral,referral,referral,tiktok,tiktok,linkedin,linkedin,youtube,whatsapp,telegram,sms}''::text[]'
\set messaging_channels '''{instagram,instagram,instagram,instagram,instagram,instagram,facebook,facebook,facebook,facebook,whatsapp,whatsapp,whatsapp,whatsapp,whatsapp,whatsapp,telegram,sms,email,email}''::text[]'

select (:conversions + 9) / 10 * 5 as contacts \gset
\echo 'planning' :contacts 'contacts and their touches'
create temp table bench_contact as
select k, md5(:'workspace' || ':bench-contact:' || k)::uuid as id,
  :'origin'::timestamptz + interval '20 days' + pg_temp.u(k, 1) * interval '100 days' as at,
  1 + floor(pg_temp.u(k, 2) * 5)::int as n,
  interval '1 hour' + pg_temp.u(k, 3) * interval '94 hours' as gap
from generate_series(1, :contacts) k;
alter table bench_contact add primary key (k);

-- The contacts' touches, numbered 1.. so the touch batches below take touch i from here while i lasts.
create temp table bench_touch as
select row_number() over (order by k, j)::int as i, k, j, n, contact_id, at, kind, channel,
  case when (kind = 'session' and channel in ('search','instagram','facebook','tiktok','linkedin','youtube','email')
             and pg_temp.u(key, 7) < 0.45)
         or (kind = 'message' and channel in ('instagram','facebook','whatsapp') and pg_temp.u(key, 7) < 0.3)
    then channel || '-' || lpad((1 + floor(25 * pg_temp.u(key, 8) ^ 2))::text, 3, '0') end as campaign
from (
  select k, j, n, contact_id, at, kind,
    case when kind = 'message' then (:messaging_channels)[1 + floor(pg_temp.u(key, 4) * 20)::int]
      else (:web_channels)[1 + floor(pg_temp.u(key, 4) * 40)::int] end as channel, key
  from (
    select c.k, j, c.n, c.id as contact_id, c.k::bigint * 8 + j as key,
      c.at - (c.n - j) * c.gap + (pg_temp.u(c.k::bigint * 8 + j, 5) - 0.5) * interval '30 minutes' as at,
      case when pg_temp.u(c.k::bigint * 8 + j, 6) < case when j = c.n - 1 then 0.6 else 0.15 end
        then 'message' else 'session' end as kind
    from bench_contact c, generate_series(0, c.n - 1) j
  ) a
) b;
alter table bench_touch add primary key (i);
create index on bench_touch (k);
select count(*) as contact_touches, count(*) > :touches as too_few_touches from bench_touch \gset
\if :too_few_touches
\echo 'the' :conversions 'conversions need' :contact_touches 'touches of their contacts: ask for at least that many touches.'
\quit
\endif

-- Touches in batches of 500,000, so progress shows and no transaction holds millions of rows of WAL.
\echo 'touches:' :touches 'of them' :contact_touches 'by contacts'
select clock_timestamp() as step_started \gset
select format($f$
insert into touch (id, workspace_id, kind, contact_id, identity_channel, identity_id, channel, campaign, ad_id,
    occurred_at, last_seen_at, page_views, landing_url, referrer, utm, click_id, dedupe_key)
select id, %1$L, kind, contact_id, identity_channel, identity_id, channel, campaign,
  case when kind = 'message' and campaign is not null then 'ad-' || campaign end,
  at, case when kind = 'session' then at + (page_views - 1) * interval '95 seconds' end,
  case when kind = 'session' then page_views end,
  case when kind = 'session' then 'https://shop.' || %1$L || '.example' || path ||
    case when utm is null then '' else '?utm_source=' || (utm->>'source') || '&utm_medium=' || (utm->>'medium') ||
      coalesce('&utm_campaign=' || campaign, '') || coalesce('&' || click_id, '') end end,
  case when kind = 'session' then referrer end,
  case when kind = 'session' then utm end,
  case when kind = 'session' then click_id end,
  case when kind = 'session' then 'session:' || id
    when campaign is null then 'first:' || identity_channel || ':' || identity_id else 'ad:' || id end
from (
  select *,
    case when campaign is not null or channel in ('email', 'sms') then jsonb_build_object(
        'source', case channel when 'search' then 'google' when 'email' then 'newsletter' else channel end,
        'medium', case channel when 'search' then 'cpc' when 'email' then 'email' when 'sms' then 'sms'
          else 'paid_social' end) || coalesce(jsonb_build_object('campaign', campaign), '{}') end as utm,
    case when campaign is null then null
      when channel = 'search' then 'gclid=' || to_hex(hashint8(i))
      when channel in ('facebook', 'instagram') then 'fbclid=' || to_hex(hashint8(i))
      when channel = 'tiktok' then 'ttclid=' || to_hex(hashint8(i)) end as click_id,
    case channel when 'search' then 'https://www.google.com/' when 'instagram' then 'https://l.instagram.com/'
      when 'facebook' then 'https://lm.facebook.com/' when 'referral' then 'https://blog.example.org/best-shops'
      when 'tiktok' then 'https://www.tiktok.com/' when 'linkedin' then 'https://www.linkedin.com/'
      when 'youtube' then 'https://www.youtube.com/' when 'whatsapp' then 'https://wa.me/'
      when 'telegram' then 'https://t.me/' end as referrer
  from (
    select i, id, kind, contact_id, at, channel, page_views, path,
      case when kind = 'session' then 'web' when channel = 'facebook' then 'messenger' else channel end
        as identity_channel,
      case when k is null then 'bench-anon-' || lpad((i::bigint * 10 / 17)::text, 9, '0')
        when kind = 'session' then 'bench-v-' || k else 'bench-' || k || '-' || j end as identity_id,
      case when k is not null then campaign
        when channel in ('search','instagram','facebook','tiktok','linkedin','youtube','email')
          and pg_temp.u(i, 7) < 0.3
        then channel || '-' || lpad((1 + floor(25 * pg_temp.u(i, 8) ^ 2))::text, 3, '0') end as campaign
    from (
      select s.i, pg_temp.v7(%4$s + s.i, s.i) as id, t.k, t.j, coalesce(t.kind, 'session') as kind, t.contact_id,
        coalesce(t.at, %5$L::timestamptz + pg_temp.u(s.i, 1) * interval '120 days') as at,
        coalesce(t.channel, (%7$s)[1 + floor(pg_temp.u(s.i, 2) * 40)::int]) as channel, t.campaign,
        1 + floor(7 * pg_temp.u(s.i, 3) ^ 2)::int as page_views,
        (array['/', '/products', '/products/blue-shirt', '/pricing', '/blog/how-we-ship', '/contact'])
          [1 + floor(pg_temp.u(s.i, 9) * 6)::int] as path
      from generate_series(%2$s, %3$s) s(i) left join bench_touch t on t.i = s.i
    ) a
  ) b
) c
$f$, :'workspace', lo, hi, :id_ms, :'origin', :'step_started', :'web_channels'),
  format($f$select format('  touches %%s..%%s   %%s s', %1$s, %2$s,
      round(extract(epoch from clock_timestamp() - %3$L::timestamptz)::numeric, 1))$f$, lo, hi, :'step_started')
from (select b * 500000 + 1 as lo, least((b + 1) * 500000, :touches) as hi
      from generate_series(0, (:touches - 1) / 500000) b) batches
\gexec

-- Whose the identities are, as profiles told: each contact's web visitor id and the senders of their messages.
insert into identity (workspace_id, channel, external_id, contact_id)
select distinct :'workspace', 'web', 'bench-v-' || k, contact_id from bench_touch where kind = 'session'
union all
select :'workspace', case when channel = 'facebook' then 'messenger' else channel end, 'bench-' || k || '-' || j,
  contact_id from bench_touch where kind = 'message';

\echo 'conversions:' :conversions
select clock_timestamp() as step_started \gset
-- The rate of one unit of a currency in US dollars, to convert the foreign sales into the workspace's currency.
-- A workspace in a currency not listed here sells in its own only.
create temp table bench_rate (currency text primary key, usd numeric, often int);
insert into bench_rate values ('EUR', 1.08, 1), ('GBP', 1.27, 2), ('USD', 1, 3), ('CHF', 1.13, 4), ('CAD', 0.73, 5);
select coalesce((select array_agg(currency order by often) from (select currency, often from bench_rate
    where currency <> :'currency' and exists (select from bench_rate where currency = :'currency')
    order by often limit 2) f), array[:'currency', :'currency']) as foreign_currencies \gset
-- Ten conversions for every five contacts: five became contacts, three of them were qualified, two bought.
create temp table bench_conversion as
select i, pg_temp.v7(:id_ms + :touches + i, 2000000000::bigint + i) as id, k, contact_id, kind, at,
  original_amount, currency,
  case when currency = :'currency' then 1
    else round((select usd from bench_rate r where r.currency = x.currency)
      / (select usd from bench_rate r where r.currency = :'currency'), 8) end as rate
from (
  select i, c.k, c.id as contact_id, kind,
    case kind when 'contact' then c.at
      when 'qualified' then c.at + pg_temp.u(i, 11) * least(interval '10 days', :'ending'::timestamptz - c.at)
      else c.at + pg_temp.u(i, 11) * least(interval '20 days', :'ending'::timestamptz - c.at) end as at,
    case when kind = 'sale' then round((19 + 480 * pg_temp.u(i, 12) ^ 2)::numeric, 2) end as original_amount,
    case when kind <> 'sale' then null when pg_temp.u(i, 13) < 0.85 then :'currency'
      when pg_temp.u(i, 13) < 0.95 then (:'foreign_currencies'::text[])[1]
      else (:'foreign_currencies'::text[])[2] end as currency
  from (
    select i, (i - 1) / 10 * 5 + 1 + case when s < 5 then s when s < 8 then s - 5 else s - 8 end as k,
      case when s < 5 then 'contact' when s < 8 then 'qualified' else 'sale' end as kind
    from generate_series(1, :conversions) i, lateral (select (i - 1) % 10 as s) slot
  ) slots join bench_contact c using (k)
) x;
alter table bench_conversion add primary key (i);

insert into conversion (id, workspace_id, kind, contact_id, occurred_at, counted, order_id, amount, original_amount,
    original_currency, rate, pending_identity, sale_announced, recorded_at, dedupe_key)
select id, :'workspace', kind, contact_id, at, true,
  case when kind = 'sale' then 'bench-' || i end,
  case when kind = 'sale' then round(original_amount * rate, 2) end,
  original_amount, currency, case when kind = 'sale' then rate end, null, kind = 'sale',
  at + interval '2 seconds',
  case when kind = 'sale' then 'order:bench-' || i else kind || ':' || contact_id end
from bench_conversion order by i;
select format('  conversions   %s s', round(extract(epoch from clock_timestamp() - :'step_started'::timestamptz)::numeric, 1));

-- Credit in batches of 100,000 conversions: every model's shares of each, as Attribution.credit gives them.
\echo 'credit under first_touch, last_touch, linear, u_shaped and time_decay'
select clock_timestamp() as step_started \gset
select format($f$
insert into credit (conversion_id, model, channel, campaign, day, weight, revenue)
with touches as (
  select v.id, v.kind, v.at as converted_at, round(v.original_amount * v.rate, 2) as amount, t.j, t.n, t.channel,
    coalesce(t.campaign, '') as campaign, t.at
  from bench_conversion v join bench_touch t on t.k = v.k
  where v.i between %2$s and %3$s and t.at <= v.at
), weighted as (
  select id, kind, converted_at, amount, m.model, channel, campaign, j,
    case m.model
      when 'first_touch' then case when j = 0 then 1.0 else 0.0 end
      when 'last_touch' then case when j = n - 1 then 1.0 else 0.0 end
      when 'linear' then 1.0 / n
      when 'u_shaped' then case when n = 1 then 1.0 when n = 2 then 0.5 when j in (0, n - 1) then 0.4
        else 0.2 / (n - 2) end::float8
      else power(0.5::float8, floor(extract(epoch from converted_at - at))::float8 / %5$s)
    end::float8 as w
  from touches,
    (values ('first_touch'), ('last_touch'), ('linear'), ('u_shaped'), ('time_decay')) m(model)
), keyed as (
  select id, kind, converted_at, amount, model, channel, campaign, sum(w) as w, min(j) as first_j
  from weighted where w > 0
  group by id, kind, converted_at, amount, model, channel, campaign
), shared as (
  select *, round((w / sum(w) over (partition by id, model))::numeric, 6) as share from keyed
), credited as (
  select *, share + case when row_number() over (partition by id, model order by share desc, first_j) = 1
    then 1 - sum(share) over (partition by id, model) else 0 end as weight
  from shared
)
select id, model, channel, campaign, (converted_at at time zone %6$L)::date, weight,
  case when kind = 'sale' then round(amount * weight, 6) else 0 end
from credited
$f$, null, lo, hi, null, :half_life_seconds, :'tz'),
  format($f$select format('  credit of conversions %%s..%%s   %%s s', %1$s, %2$s,
      round(extract(epoch from clock_timestamp() - %3$L::timestamptz)::numeric, 1))$f$, lo, hi, :'step_started')
from (select b * 100000 + 1 as lo, least((b + 1) * 100000, :conversions) as hi
      from generate_series(0, (:conversions - 1) / 100000) b) batches
\gexec

\endif

-- The roll-ups, rebuilt from all of the workspace's credit, sessions and sales exactly as Rollups.redate does.
\echo 'roll-ups'
select clock_timestamp() as step_started \gset
begin;
delete from conversion_rollup where workspace_id = :'workspace';
insert into conversion_rollup (workspace_id, model, day, channel, campaign, contacts, qualified, sales, revenue)
select v.workspace_id, c.model, c.day, c.channel, c.campaign,
  sum(case when v.kind = 'contact' then c.weight else 0 end),
  sum(case when v.kind = 'qualified' then c.weight else 0 end),
  sum(case when v.kind = 'sale' then c.weight else 0 end),
  sum(c.revenue)
from credit c join conversion v on v.id = c.conversion_id
where v.workspace_id = :'workspace'
group by v.workspace_id, c.model, c.day, c.channel, c.campaign;
delete from session_rollup where workspace_id = :'workspace';
insert into session_rollup (workspace_id, day, channel, campaign, sessions)
select workspace_id, (occurred_at at time zone :'tz')::date, channel, coalesce(campaign, ''), count(*) from touch
where workspace_id = :'workspace' and kind = 'session'
group by 1, 2, 3, 4;
\if :has_converted_rollup
-- The sales in other currencies per day and rate, from which a report lists what it converted.
delete from converted_rollup where workspace_id = :'workspace';
insert into converted_rollup (workspace_id, day, currency, rate, sales)
select workspace_id, (occurred_at at time zone :'tz')::date, original_currency, rate, count(*) from conversion
where workspace_id = :'workspace' and kind = 'sale' and rate <> 1 and original_currency is not null
group by 1, 2, 3, 4;
\endif
commit;
select format('  roll-ups   %s s', round(extract(epoch from clock_timestamp() - :'step_started'::timestamptz)::numeric, 1));

\echo 'vacuum analyze'
vacuum (analyze) touch;
vacuum (analyze) conversion;
vacuum (analyze) credit;
vacuum (analyze) identity;
vacuum (analyze) conversion_rollup;
vacuum (analyze) session_rollup;
\if :has_converted_rollup
vacuum (analyze) converted_rollup;
\endif

-- What the reports will sum, checked against what they sum over: every model's credit weighs one per counted
-- conversion, the roll-ups hold exactly the credit, the session roll-up counts every session and the converted
-- roll-up every sale in another currency.
\pset tuples_only off
\pset format aligned
\echo 'workspace' :workspace
select kind, count(*) as touches, count(contact_id) as of_contacts, count(distinct channel) as channels,
  count(distinct campaign) as campaigns, min(occurred_at)::date as first_day, max(occurred_at)::date as last_day
from touch where workspace_id = :'workspace' group by kind order by kind;
select kind, count(*) as conversions, sum(amount) as amount from conversion
where workspace_id = :'workspace' group by kind order by kind;
with credit_sums as (
  select c.model, (select count(*) from conversion where workspace_id = :'workspace' and counted) as conversions,
    sum(c.weight) as weight, sum(c.revenue) as revenue, count(*) as credit_rows
  from credit c join conversion v on v.id = c.conversion_id
  where v.workspace_id = :'workspace' group by c.model
), rollup_sums as (
  select model, sum(contacts + qualified + sales) as weight, sum(revenue) as revenue, count(*) as rollup_rows
  from conversion_rollup where workspace_id = :'workspace' group by model
)
select model, c.credit_rows, r.rollup_rows, c.conversions, c.weight as credit_weight,
  c.weight = c.conversions and r.weight = c.weight as weights_match,
  r.revenue as rollup_revenue, r.revenue = c.revenue as revenue_matches,
  (select sum(amount) from conversion where workspace_id = :'workspace' and kind = 'sale' and counted) as sales_amount
from credit_sums c full join rollup_sums r using (model) order by model;
select (select coalesce(sum(sessions), 0) from session_rollup where workspace_id = :'workspace') as rollup_sessions,
  (select count(*) from touch where workspace_id = :'workspace' and kind = 'session') as sessions,
  (select count(*) from session_rollup where workspace_id = :'workspace') as session_rollup_rows;
\if :has_converted_rollup
select (select coalesce(sum(sales), 0) from converted_rollup where workspace_id = :'workspace') as rollup_converted_sales,
  (select count(*) from conversion where workspace_id = :'workspace' and kind = 'sale' and rate <> 1) as converted_sales;
\endif
