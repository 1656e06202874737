-- The search query is built from the lexemes to_tsvector makes of what the agent typed, each a prefix,
-- all required. It is now cast to tsquery as it is instead of going through to_tsquery, which parses
-- each lexeme again: a hyphenated word ("ORD-1234", "e-mail", "fuzz-anchor") came back as a phrase
-- ('ord-1234' <-> 'ord' <-> '-1234'), and a phrase never matches the search vector, which keeps no
-- positions, so such a word found nothing.
create or replace function conversation_search_query(q text) returns tsquery
    language sql immutable parallel safe as
$$
select cast(coalesce(string_agg('''' || t.lexeme || ''':*', ' & '), '') as tsquery)
from unnest(to_tsvector('simple', left(q, 200))) as t
where t.lexeme !~ '[''\\:]'
$$;
