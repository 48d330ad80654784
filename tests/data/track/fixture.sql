-- A small year 115 for the track, schedule and export tests, following
-- sql/001_base.sql: three vendors, two agencies that share vendor 22099131.
--   115-01  22099131 甲資訊, 2026-05-20: K1 數位發展部, K2 衛生福利部
--   115-02  28410103 乙系統, 2026-07-31 (a month end): K1 衛生福利部
--   115-03  53119822 丙科技, 2026-08-28: no contract-specific item sampled
-- Agency contact details and auditors' phones and e-mails are here so that
-- the export tests can check that none of them leaks.
BEGIN;
INSERT INTO vendors (taxid, name) VALUES
    ('22099131', '甲資訊股份有限公司'),
    ('28410103', '乙系統有限公司'),
    ('53119822', '丙科技股份有限公司');
INSERT INTO vendor_years (year, taxid, core_systems, agencies, candidate, selected) VALUES
    (115, '22099131', 12, 6, 1, 1),
    (115, '28410103', 8, 4, 1, 1),
    (115, '53119822', 5, 3, 1, 1);
INSERT INTO form_submissions (id, kind, year, file, agency, unit, name, title, phone, email) VALUES
    (1, 'authorizations', 115, 'moda.csv', '數位發展部', '資訊處', '林承辦', '科員', '02-2380-0001', 'lin@moda.gov.tw'),
    (2, 'authorizations', 115, 'mohw.csv', '衛生福利部', '資訊處', '吳承辦', '專員', '02-8590-0002', 'wu@mohw.gov.tw');
INSERT INTO authorizations (id, year, agency, contract, system, submission) VALUES
    (1, 115, '數位發展部', '行政資訊系統維運案', '公文系統', 1),
    (2, 115, '衛生福利部', '醫療資訊系統維運案', '健保查詢系統', 2),
    (3, 115, '衛生福利部', '長照資訊平台案', '長照平台', 2);
INSERT INTO authorization_vendors (authorization, year, taxid, scope, form_no, vendor_aware) VALUES
    (1, 115, '22099131', '系統維運', '1', 1),
    (2, 115, '22099131', '系統維運', '1', 1),
    (3, 115, '28410103', '系統開發及維運', '2', 1);
INSERT INTO auditors (year, form_no, agency, unit, name, title, phone, email, reason, pledge_date) VALUES
    (115, '1', '數位發展部', '資安處', '李小華', '科長', '02-2380-1111', 'lee@moda.gov.tw', '資安專業', '2026-04-10'),
    (115, '1', '衛生福利部', '資訊處', '陳美玲', '簡任技正', '02-8590-2222', 'chen@mohw.gov.tw', '資安專業', '2026-04-11');
INSERT INTO sessions (id, year, taxid, date, lead, source) VALUES
    ('115-01', 115, '22099131', '2026-05-20', '王大明', 'fixture'),
    ('115-02', 115, '28410103', '2026-07-31', '王大明', 'fixture'),
    ('115-03', 115, '53119822', '2026-08-28', '趙領隊', 'fixture');
INSERT INTO session_members (session, seq, name) VALUES
    ('115-01', 1, '李小華'), ('115-01', 2, '陳美玲'), ('115-01', 3, '張志豪'),
    ('115-02', 1, '李小華'), ('115-02', 2, '陳美玲'), ('115-02', 3, '張志豪'),
    ('115-03', 1, '李小華'), ('115-03', 2, '陳美玲'), ('115-03', 3, '張志豪');
INSERT INTO session_contracts (session, ref, agency, contract, system) VALUES
    ('115-01', 'K1', '數位發展部', '行政資訊系統維運案', '公文系統'),
    ('115-01', 'K2', '衛生福利部', '醫療資訊系統維運案', '健保查詢系統'),
    ('115-02', 'K1', '衛生福利部', '長照資訊平台案', '長照平台');
INSERT INTO results (session, item, ref, rating, finding, recommendation) VALUES
    ('115-01', 'C01', '', 'noncompliant', '機房進出未留存紀錄', '建立進出登記'),
    ('115-01', 'C02', '', 'partial', '資安政策未定期檢討', '每年檢討一次'),
    ('115-01', 'C03', '', 'compliant', '', ''),
    ('115-01', 'S03', 'K1', 'partial', '管理者帳號兼作一般用途', '區分管理者帳號'),
    ('115-01', 'S03', 'K2', 'compliant', '', ''),
    ('115-01', 'S05', 'K1', 'compliant', '', ''),
    ('115-01', 'S05', 'K2', 'noncompliant', '健保查詢系統未做弱點掃描', '每季弱點掃描'),
    ('115-02', 'C01', '', 'compliant', '', ''),
    ('115-02', 'C04', '', 'partial', '備份未異地存放', '異地備份'),
    ('115-02', 'S01', 'K1', 'noncompliant', '長照平台密碼明碼儲存', '雜湊儲存'),
    ('115-03', 'C01', '', 'partial', '訪客未配戴識別證', '訪客識別'),
    ('115-03', 'C02', '', 'compliant', '', '');
-- the worst rating of each item in each session, as ingest writes it (sql/010_session_items.sql)
INSERT OR REPLACE INTO session_items (session, item, worst)
    SELECT session, item, max(CASE rating WHEN 'noncompliant' THEN 3 WHEN 'partial' THEN 2
                                          WHEN 'compliant' THEN 1 ELSE 0 END)
    FROM results GROUP BY session, item;
COMMIT;
