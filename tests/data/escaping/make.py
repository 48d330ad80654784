#!/usr/bin/env python3
"""Write the hostile fixture of test_escaping.sh into OUTDIR.

Every text field that reaches an output carries quotes, a semicolon, an SQL
comment, markup and a line break; one finding and one note are 1 MB.
The expected values are written beside the inputs, one file each, so that
the test compares the outputs with them byte for byte.
"""
import json
import sys

out = sys.argv[1]
NASTY = "O'Brien \"quoted\"; DROP TABLE results; -- <script>alert(1)</script>\nline2 & </td>"
AGENCY = "<script>alert('a')</script>部\"; system(\"touch " + out + "/pwned\"); \""
BIG = "長" * 349526          # 1 048 578 bytes of UTF-8
LEAD = "王'大\"明"
COMMITTEE = ["李<小>華", "陳;美玲", "張--志豪"]
codes = ['C%02d' % i for i in range(1, 11)] + ['S%02d' % i for i in range(1, 18)]
res = []
for c in codes:
    r = {'item': c, 'rating': '符合'}
    if c[0] == 'S':
        r['contract'] = 'K1'
    if c == 'C01':
        r.update(rating='不符合', finding=NASTY, recommendation=NASTY + " rec")
    if c == 'C02':
        r.update(rating='部分符合', finding=BIG, recommendation='<img src=x onerror=alert(2)>')
    if c == 'S03':
        r.update(rating='不符合', finding=NASTY + " S03", recommendation="<b>bold</b>")
    res.append(r)
doc = {'format': 'jaudit-session/1', 'year': 115, 'session': '115-01', 'vendor': '22099131',
       'date': '115/06/12', 'lead': LEAD, 'committee': COMMITTEE,
       'contracts': [{'ref': 'K1', 'agency': AGENCY, 'contract': NASTY, 'system': 'sys;--'}],
       'results': res}


def csvq(s):
    return '"' + s.replace('"', '""') + '"'


def w(name, text):
    with open(out + '/' + name, 'w', encoding='utf-8', newline='') as f:
        f.write(text)


w('session.json', json.dumps(doc, ensure_ascii=False))
w('vendors.csv', '統一編號,廠商名稱,維運機關核心資通系統數量,服務機關數量,候選,受稽核\n'
  '22099131,' + csvq(NASTY) + ',3,2,是,是\n')
w('authorizations.csv', '編號,機關名稱,契約案名,履約範圍,系統名稱,廠商名稱,廠商是否知悉稽核作業\n'
  '1,' + csvq(AGENCY) + ',' + csvq(NASTY) + ',維運,sys;--,' + csvq(NASTY) + ',是\n')
w('updates.csv', '追蹤編號,狀態,日期,填報人,說明,佐證,新完成期限\n'
  '115-01-C02,改善中,115/07/01,' + csvq(LEAD) + ',' + csvq(BIG) + ',' + csvq(NASTY) + ',\n')
w('nasty.txt', NASTY)
w('agency.txt', AGENCY)
w('big.txt', BIG)
w('lead.txt', LEAD)
