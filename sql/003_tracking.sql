-- 003_tracking.sql: remediation tracking of findings (SPEC §4, seed §10)
-- and the audit timetable (seed §5, §8).
--
-- A remediation record is opened by `jaudit track sync` for each finding
-- (a results row rated partial or noncompliant); its id is the finding's id
-- of the `findings` view (115-07-C01, 115-07-S03-K1).  Records refer to
-- their session, never to the results row: a corrected session's results
-- are rewritten by ingest, and the record (with its history) must survive.
--
-- Statuses: open 待改善, in_progress 改善中, pending_verification 待驗證,
-- closed 已結案, risk_accepted 風險接受.  An extension (展延) keeps the record
-- in_progress with a later due date.

-- The due-date policy and the timetable's offsets, changed with
-- `jaudit track policy set KEY N`.  Calendar months or days, as the key says.
CREATE TABLE remed_policy (
    key     TEXT PRIMARY KEY CHECK (key IN (
                'report_months',            -- audit report due, months after the audit (seed §5 四)
                'plan_months',              -- improvement plan due, months after the report
                'noncompliant_months',      -- 不符合 measures due, months after the report
                'partial_months',           -- 部分符合 measures due, months after the report
                'notify_months',            -- vendor told the audit date, months before it (seed §8 一)
                'documents_days',           -- vendor's documents due, days before the audit (default)
                'contracts_days',           -- sampled contracts announced, days before the audit (seed §8 一)
                'soon_days')),              -- a milestone or due date this close is "due soon"
    value   INTEGER NOT NULL CHECK (value BETWEEN 0 AND 120)
) WITHOUT ROWID;

INSERT INTO remed_policy (key, value) VALUES
    ('report_months', 1),
    ('plan_months', 1),
    ('noncompliant_months', 3),
    ('partial_months', 6),
    ('notify_months', 1),
    ('documents_days', 7),
    ('contracts_days', 14),
    ('soon_days', 14);

CREATE TRIGGER remed_policy_no_delete
BEFORE DELETE ON remed_policy
BEGIN
    SELECT RAISE(ABORT, 'remed_policy: a policy value cannot be deleted, only changed');
END;

CREATE TABLE remediation (
    id          TEXT PRIMARY KEY CHECK (id <> ''),          -- 115-07-C01, 115-07-S03-K1
    year        INTEGER NOT NULL CHECK (year BETWEEN 1 AND 999),
    session     TEXT NOT NULL REFERENCES sessions(id),
    item        TEXT NOT NULL CHECK (item GLOB '[CS][0-9][0-9]'),
    ref         TEXT NOT NULL DEFAULT '',                   -- the sampled contract, '' for a common item
    taxid       TEXT NOT NULL,                              -- the vendor
    owner       TEXT NOT NULL CHECK (owner <> ''),          -- 資安署, or the contract's agency (seed §10)
    agency      TEXT NOT NULL DEFAULT '',                   -- the contract's agency, '' for a common item
    rating      TEXT NOT NULL CHECK (rating IN ('partial', 'noncompliant')),
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN
                    ('open', 'in_progress', 'pending_verification', 'closed', 'risk_accepted')),
    due         TEXT NOT NULL CHECK (due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    plan_due    TEXT NOT NULL CHECK (plan_due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),  -- 改善計畫
    due_policy  INTEGER NOT NULL DEFAULT 1 CHECK (due_policy IN (0, 1)),  -- 1 while the due date is the policy's
    CHECK ((item GLOB 'C*') = (ref = '')),
    CHECK ((ref = '') = (agency = ''))
);
CREATE INDEX remediation_year ON remediation(year, status);

CREATE TRIGGER remediation_no_delete
BEFORE DELETE ON remediation
BEGIN
    SELECT RAISE(ABORT, 'remediation: a record is never deleted; close it or accept the risk');
END;

CREATE TRIGGER remediation_keep_identity
BEFORE UPDATE OF id, year, session, item, ref, taxid ON remediation
BEGIN
    SELECT RAISE(ABORT, 'remediation: a record''s finding cannot be changed');
END;

-- Every change of a record, oldest first.  Append-only: the triggers below
-- refuse UPDATE and DELETE, whoever runs them.
CREATE TABLE remediation_history (
    seq         INTEGER PRIMARY KEY,
    record      TEXT NOT NULL REFERENCES remediation(id),
    date        TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    action      TEXT NOT NULL CHECK (action IN
                    ('opened', 'status', 'extended', 'policy', 'corrected', 'reopened')),
    actor       TEXT NOT NULL CHECK (actor <> ''),
    old_status  TEXT,
    new_status  TEXT NOT NULL CHECK (new_status IN
                    ('open', 'in_progress', 'pending_verification', 'closed', 'risk_accepted')),
    old_due     TEXT,
    new_due     TEXT NOT NULL CHECK (new_due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    note        TEXT NOT NULL DEFAULT '',
    evidence    TEXT NOT NULL DEFAULT '',
    approver    TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK (new_status <> 'risk_accepted' OR action <> 'status' OR (note <> '' AND approver <> '')),
    CHECK (action <> 'extended' OR (note <> '' AND new_due > old_due))
);
CREATE INDEX remediation_history_record ON remediation_history(record, date, seq);

CREATE TRIGGER remediation_history_no_update
BEFORE UPDATE ON remediation_history
BEGIN
    SELECT RAISE(ABORT, 'remediation_history is append-only: a past entry cannot be changed');
END;

CREATE TRIGGER remediation_history_no_delete
BEFORE DELETE ON remediation_history
BEGIN
    SELECT RAISE(ABORT, 'remediation_history is append-only: a past entry cannot be deleted');
END;

-- The timetable of a session (seed §5, §8): the date a milestone was done,
-- and for the vendor's documents the deadline 資安署's notice set.
CREATE TABLE schedule_events (
    session     TEXT NOT NULL REFERENCES sessions(id),
    milestone   TEXT NOT NULL CHECK (milestone IN ('notify', 'documents', 'contracts', 'report')),
    done        TEXT CHECK (done IS NULL OR done GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    due         TEXT CHECK (due IS NULL OR due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    actor       TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (session, milestone),
    CHECK (due IS NULL OR milestone = 'documents')
) WITHOUT ROWID;
