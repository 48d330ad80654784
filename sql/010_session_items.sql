-- 010_session_items.sql: the worst rating of each item in each session,
-- kept beside the results for the year's analysis (docs/PERFORMANCE.md).
--
-- analyze counts, for each vendor and item, the worst rating over the
-- vendor's sessions and the contracts of each: 不符合 over 部分符合 over
-- 符合 over 不適用.  It read every row of results for that, with their
-- finding and recommendation texts beside the rating; session_items holds
-- the worst over a session's contracts already, one narrow row per
-- (session, item), so analyze reads these instead.
--
-- worst is the rating as a number, in the order of severity:
--   0 na (不適用), 1 compliant (符合), 2 partial (部分符合), 3 noncompliant (不符合).
--
-- ingest writes a session's rows in the same transaction as its results
-- (ingest/session_store.c), and removes them with the results when a
-- session is replaced; deleting a session deletes them (ON DELETE
-- CASCADE).  `jaudit check` reports a session whose rows here disagree
-- with its results (written by another client, for instance).
CREATE TABLE session_items (
    session TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE
            DEFERRABLE INITIALLY DEFERRED,
    item    TEXT NOT NULL,
    worst   INTEGER NOT NULL CHECK (worst >= 0 AND worst <= 3),
    PRIMARY KEY (session, item)
) WITHOUT ROWID;

-- The summary of the results already stored.
INSERT INTO session_items (session, item, worst)
    SELECT session, item,
           max(CASE rating WHEN 'noncompliant' THEN 3 WHEN 'partial' THEN 2
                           WHEN 'compliant' THEN 1 ELSE 0 END)
    FROM results GROUP BY session, item ORDER BY session, item;
