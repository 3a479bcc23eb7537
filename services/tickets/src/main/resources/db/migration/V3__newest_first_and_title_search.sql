-- Issue 13: the public list, a seller's listings and a buyer's e-tickets are newest first, and the public list
-- can be searched by the words of a title.

-- Keyset pagination newest first: (created_at, id) descending. The public list's index holds only listings with
-- units left; its predicate is the query's, word for word, so that the planner can prove it applies.
create index listings_available_newest on listings (created_at desc, id desc) where quantity - reserved - sold > 0;
create index listings_by_seller_newest on listings (seller_id, created_at desc, id desc);
drop index listings_by_creation;
drop index listings_by_seller;

create index e_tickets_by_buyer_newest on e_tickets (buyer_id, issued_at desc, code desc) where revoked_at is null;
drop index e_tickets_by_buyer;

-- Search: a listing matches when its title contains every word of q, case-insensitively (title ILIKE '%word%'
-- per word). Trigrams let a GIN index answer ILIKE with a leading wildcard, so a search does not scan the whole
-- catalogue. pg_trgm is a trusted extension: the database owner may create it, no superuser needed.
-- fastupdate off: a new listing goes straight into the index instead of a pending list that every search would
-- have to read in full until the next vacuum (listings are written rarely, searched often).
create extension if not exists pg_trgm;
create index listings_title_trgm on listings using gin (title gin_trgm_ops) with (fastupdate = off);
