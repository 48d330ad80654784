#!/usr/bin/env python3
"""Generate a large, valid audit year for load, crash and concurrency tests.

  tools/gen_year.py year OUTDIR N [--prefix P]
      OUTDIR/vendors.csv      N selected vendors of year 115 (valid 統一編號)
      OUTDIR/sessions.ndjson  one session per vendor (ids 115-P00000...), every
                              checklist item rated (S items for contracts K1
                              and K2), about one result in seven 不符合
  tools/gen_year.py updates FILE DATE1 DATE2 < ids
      a remediation-updates form: for each finding id on stdin, 改善中 on
      DATE1 and 待驗證 on DATE2

Deterministic: the same arguments give the same files.
"""
import json
import sys

CODES = ['C%02d' % i for i in range(1, 11)] + ['S%02d' % i for i in range(1, 18)]


def taxid_valid(s):
    w = [1, 2, 1, 2, 1, 2, 4, 1]
    t = sum((int(c) * w[i]) // 10 + (int(c) * w[i]) % 10 for i, c in enumerate(s))
    return t % 5 == 0 or (s[6] == '7' and (t + 1) % 5 == 0)


def taxids(n, start):
    out, x = [], start
    while len(out) < n:
        x += 1
        if taxid_valid(str(x)):
            out.append(str(x))
    return out


def year(outdir, n, prefix):
    start = 10000000 + 1000000 * (ord(prefix[0]) % 80) if prefix else 10000000
    ids = taxids(n, start)
    with open(outdir + '/vendors.csv', 'w', encoding='utf-8') as f:
        f.write('統一編號,廠商名稱,維運機關核心資通系統數量,服務機關數量,候選,受稽核\n')
        for i, t in enumerate(ids):
            f.write('%s,壓力測試%s廠商%05d股份有限公司,3,2,是,是\n' % (t, prefix, i))
    with open(outdir + '/sessions.ndjson', 'w', encoding='utf-8') as f:
        for i, t in enumerate(ids):
            res = []
            for c in CODES:
                for ref in ([None] if c[0] == 'C' else ['K1', 'K2']):
                    r = {'item': c, 'rating': '符合'}
                    if ref:
                        r['contract'] = ref
                    if (i + len(res)) % 7 == 0:
                        r.update(rating='不符合', finding='發現事項%d' % len(res),
                                 recommendation='建議改善')
                    res.append(r)
            d = {'format': 'jaudit-session/1', 'year': 115,
                 'session': '115-%s%05d' % (prefix, i), 'vendor': t,
                 'date': '115/06/%02d' % (1 + i % 28), 'lead': '王大明',
                 'committee': ['李小華', '陳美玲', '張志豪'],
                 'contracts': [
                     {'ref': 'K1', 'agency': '數位發展部', 'contract': '維運案%d' % i, 'system': '系統A'},
                     {'ref': 'K2', 'agency': '衛生福利部', 'contract': '開發案%d' % i, 'system': '系統B'}],
                 'results': res}
            f.write(json.dumps(d, ensure_ascii=False) + '\n')


def updates(path, d1, d2):
    with open(path, 'w', encoding='utf-8') as f:
        f.write('追蹤編號,狀態,日期,填報人,說明,佐證,新完成期限\n')
        for line in sys.stdin:
            i = line.strip()
            if i:
                f.write('%s,改善中,%s,測試員,開始改善,,\n' % (i, d1))
                f.write('%s,待驗證,%s,測試員,改善完成,文號%s,\n' % (i, d2, i))


if __name__ == '__main__':
    a = sys.argv[1:]
    if len(a) >= 3 and a[0] == 'year':
        year(a[1], int(a[2]), a[4] if len(a) >= 5 and a[3] == '--prefix' else '')
    elif len(a) == 4 and a[0] == 'updates':
        updates(a[1], a[2], a[3])
    else:
        sys.exit(__doc__)
