-- bench/real/workloads/queries.sql - a database workload for sqlite3's shell: bulk insert,
-- indexes, joins, grouping and sorting over 200,000 rows in an in-memory database.
PRAGMA cache_size = -65536;
CREATE TABLE item(id INTEGER PRIMARY KEY, name TEXT, category INTEGER, price REAL, note TEXT);
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < 200000)
INSERT INTO item SELECT i, 'item-' || i, i % 97, (i * 37 % 1000) / 10.0,
                        printf('%.*c', i % 40, 'n') FROM seq;
CREATE INDEX item_category ON item(category, price);
CREATE TABLE category(id INTEGER PRIMARY KEY, label TEXT);
WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < 96)
INSERT INTO category SELECT i, 'category-' || i FROM seq;
SELECT c.label, count(*), round(sum(i.price), 1), max(length(i.note))
  FROM item i JOIN category c ON c.id = i.category
 GROUP BY c.label ORDER BY sum(i.price) DESC LIMIT 5;
SELECT count(DISTINCT substr(name, 1, 8)), group_concat(id, '') IS NOT NULL FROM item WHERE price > 50;
UPDATE item SET note = note || '!' WHERE id % 3 = 0;
DELETE FROM item WHERE category = 5;
SELECT count(*), sum(length(note)) FROM item;
SELECT name FROM item ORDER BY note DESC, name LIMIT 3;
