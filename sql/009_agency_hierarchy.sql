-- The agency hierarchy of a year, from the 附件1 forms (issue 13): the
-- title 「○○部（會）及其所屬機關參與115年度…」 names the 直屬機關, and each
-- row's 機關名稱 is that agency or one of its own (所屬機關).  One row per
-- agency under another; the 直屬機關 itself has none.  Loading a form again
-- replaces its agencies' rows (the latest form names the parent).
-- Databases loaded before this version have no rows until their 附件1
-- forms are loaded again.
CREATE TABLE agency_parents (
    year        INTEGER NOT NULL CHECK (year BETWEEN 1 AND 999),
    agency      TEXT    NOT NULL CHECK (agency <> ''),     -- 機關名稱 of a row
    parent      TEXT    NOT NULL CHECK (parent <> ''),     -- the 直屬機關 of the form's title
    submission  INTEGER REFERENCES form_submissions(id),
    PRIMARY KEY (year, agency),
    CHECK (agency <> parent)
) WITHOUT ROWID;
CREATE INDEX agency_parents_parent ON agency_parents(year, parent);
