# cli_xlsx.sh: dti template makes an agency's XLSX work sheet; filled in
# LibreOffice (headless, through python3-uno: lo_fill.py) and saved as XLSX
# it imports back exactly (dti export); unchanged it imports nothing
# harmful; --skip-locked reports each value it skips (of a work sheet or
# a CSV file); bad work sheets (not a zip, a zip bomb, another period's, a
# text in a count cell, a formula) are refused with their message and
# nothing is written.
. "$(dirname "$0")/lib.sh"

# Debian's python3, the one python3-uno is for (not a version manager's)
LOPY=/usr/bin/python3
"$LOPY" -c 'import uno' 2>/dev/null ||
    fail "python3-uno is needed (scripts/setup.sh installs it)"
command -v soffice >/dev/null 2>&1 ||
    fail "LibreOffice is needed: libreoffice-calc-nogui (scripts/setup.sh)"
FILL=$SRC/tests/db/lo_fill.py

newdb x.db --demo
ok period open 2023-demo --db x.db --user tester
ok period open 2024-demo --db x.db --user tester
# 2023-demo (after the demo's 2022-demo) starts with the demo's values of
# the province, as drafts
"$PY" - "$SRC/examples/demo-ninh-thuan.csv" nt.csv <<'EOF'
import csv, sys
with open(sys.argv[1], encoding='utf-8', newline='') as f, \
        open(sys.argv[2], 'w', encoding='utf-8', newline='') as o:
    w = csv.writer(o, lineterminator='\n')
    for r in csv.reader(f):
        if r[0] in ('unit', 'ninh-thuan'):
            w.writerow(r[:3])
EOF
ok import --db x.db --period 2023-demo nt.csv
ok export --db x.db --period 2023-demo start.csv

# --- the work sheet ------------------------------------------------------
ok template --db x.db --period 2023-demo --agency so-tttt -o so.xlsx
# what the file holds (its XML, read with the standard library)
"$PY" - so.xlsx <<'EOF' || fail "the work sheet of so-tttt"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
wb = z.read('xl/workbook.xml').decode()
ss = z.read('xl/sharedStrings.xml').decode()
strings = [re.sub(r'<[^>]+>', '', s) for s in
           re.findall(r'<si>(.*?)</si>', ss, re.S)]
def cells(part):
    out = {}
    for ref, attrs, body in re.findall(
            r'<c r="([A-Z]+[0-9]+)"([^>]*?)(?:/>|>(.*?)</c>)',
            z.read(part).decode(), re.S):
        v = re.search(r'<v>(.*?)</v>', body or '')
        if v is None:
            continue
        out[ref] = strings[int(v.group(1))] if 't="s"' in attrs \
            else v.group(1)
    return out
bad = []
def want(cond, what):
    if not cond:
        bad.append(what)
want('<sheet name="Số liệu" sheetId="1"' in wb, 'the sheet "Số liệu"')
want(re.search(r'<sheet name="dti"[^>]*state="hidden"', wb),
     'a hidden sheet "dti"')
want("_xlnm.Print_Titles" in wb and "$5:$5" in wb,
     'the header row printed on every page')
s1 = z.read('xl/worksheets/sheet1.xml').decode()
want('<sheetProtection sheet="1"' in s1 and 'password' not in s1,
     'the sheet protected, without a password')
want('ySplit="5"' in s1 and 'state="frozen"' in s1, 'the header frozen')
want('orientation="landscape"' in s1 and 'paperSize="9"' in s1 and
     'fitToHeight="0"' in s1, 'A4 landscape, one page wide')
want(re.search(r'<col min="11" max="12"[^>]*hidden="1"', s1),
     'hidden unit and input columns')
# 31 yes/no and 3 choice inputs of so-tttt: a drop-down each
want('<dataValidations count="34"' in s1, 'a drop-down per choice, yes/no')
m = cells('xl/worksheets/sheet2.xml')
meta = {m[k]: m.get('B' + k[1:]) for k in m if k.startswith('A')}
want(meta.get('period') == '2023-demo' and meta.get('agency') == 'so-tttt' and
     meta.get('unit') == 'ninh-thuan' and
     re.fullmatch(r'[0-9a-f]{64}', meta.get('methodology_sha256') or ''),
     'the hidden description: %r' % meta)
c = cells('xl/worksheets/sheet1.xml')
want(c.get('H5') == 'GIÁ TRỊ' and c.get('F5') == 'Giá trị kỳ trước (2022-demo)',
     'the header: %r %r' % (c.get('H5'), c.get('F5')))
codes = [c[k] for k in sorted(c, key=lambda k: int(k[1:]))
         if k.startswith('L') and int(k[1:]) > 5]
want(len(codes) == 112 and codes[0] == 'A.1' and '3.3.a' in codes,
     '112 input rows, A.1 first: %d' % len(codes))
row = {c['L%d' % r]: r for r in range(6, 400) if 'L%d' % r in c}
r33 = row['3.3.a']
want(c.get('H%d' % r33) == '98000' and c.get('J%d' % r33) == 'nháp' and
     c.get('F%d' % r33) == '98.000',
     'a prefilled value, its status, last year in Vietnamese: %r %r %r' %
     (c.get('H%d' % r33), c.get('J%d' % r33), c.get('F%d' % r33)))
want(c.get('H%d' % row['1.1']) == 'Trưởng ban là Bí thư/Chủ tịch tỉnh',
     "a choice shown by its option's label")
want(c.get('H%d' % row['1.2.national_sessions']) == 'Có', 'yes as "Có"')
if bad:
    sys.exit('; '.join(bad))
EOF

# the sheet of the province's period of an agency with nothing entered yet
ok template --db x.db --period 2024-demo --agency cuc-thong-ke -o blank.xlsx
# a choice of the collective ubnd-huyen for one district
ok template --db x.db --period 2023-demo --agency ubnd-huyen --unit ninh-hai \
    -o huyen.xlsx
ok template --db x.db --period 2022-demo --agency so-tttt -o y2022.xlsx
ko template --db x.db --period 2023-demo --agency no-such-agency -o n.xlsx
err_has "không có cơ quan 'no-such-agency'"
ko template --db x.db --period 2023-demo --agency so-tttt --unit nowhere -o n.xlsx
ko template --db x.db --period 2023-demo --agency so-tttt
err_has "usage"

# --- LibreOffice fills the sheets, as officials would ---------------------
cat >jobs.json <<'EOF'
[
 {"in": "so.xlsx", "out": "same.xlsx"},
 {"in": "blank.xlsx", "out": "blank-same.xlsx"},
 {"in": "so.xlsx", "out": "filled.xlsx", "cells": [
  {"input": "1.1", "text": "Trưởng ban là Phó Bí thư/Phó Chủ tịch tỉnh",
   "doc": "45/KH-UBND"},
  {"input": "1.2.national_sessions", "text": "Không"},
  {"input": "1.2.chairs_meetings", "text": "Có"},
  {"input": "3.3.a", "number": 98123, "doc": "123/QĐ-UBND"},
  {"input": "3.3.b", "text": "150.000"},
  {"input": "5.12.1.a", "text": "12,5"},
  {"input": "5.12.1.b", "number": 0.75},
  {"input": "A.1", "text": "Tỉnh Ninh Thuận (phiếu)"}]},
 {"in": "so.xlsx", "out": "again.xlsx", "cells": [
  {"input": "3.3.a", "number": 98200}]},
 {"in": "so.xlsx", "out": "text.xlsx", "cells": [
  {"input": "1.3.a", "text": "mười"}]},
 {"in": "so.xlsx", "out": "formula.xlsx", "cells": [
  {"input": "1.3.a", "formula": "=1+1"}]},
 {"in": "blank.xlsx", "out": "blank-doc.xlsx", "cells": [
  {"input": "A.4", "number": 612345, "doc": "5/BC-CTK"},
  {"input": "A.5", "doc": "6/BC-CTK"}]}
]
EOF
"$LOPY" "$FILL" jobs.json || fail "LibreOffice could not fill the sheets"
for f in same blank-same filled again text formula blank-doc; do
	[ -s "$f.xlsx" ] || fail "LibreOffice did not save $f.xlsx"
done

# --- re-saved unchanged: nothing harmful ----------------------------------
before=$(dump x.db)
ok import --db x.db --period 2024-demo blank-same.xlsx
grep -q "Đã nhập 0 giá trị" "$T/out" || fail "an empty sheet imported: $(cat "$T/out")"
err_has "phiếu chưa có giá trị nào"
ok import --db x.db --period 2023-demo same.xlsx
grep -q "Đã nhập 112 giá trị (draft)" "$T/out" ||
    fail "the prefilled sheet: $(cat "$T/out")"
ok export --db x.db --period 2023-demo same.csv
same_values start.csv same.csv

# --- filled: the values, exactly ------------------------------------------
ok import --db x.db --period 2023-demo filled.xlsx
ok export --db x.db --period 2023-demo filled.csv
for kv in "1.1=deputy" "1.2.national_sessions=0" "1.2.chairs_meetings=1" \
    "3.3.a=98123" "3.3.b=150000" "5.12.1.a=12.5" "5.12.1.b=0.75" \
    "A.1=Tỉnh Ninh Thuận (phiếu)"; do
	csv_is filled.csv input "${kv%%=*}" "value=${kv#*=}"
done
# everything else as it was: 6 rows differ (chairs_meetings was 1 already;
# 3.3.b, typed as Vietnamese text, keeps 150000: it must equal A.6, a
# consistency rule of the methodology)
n=$("$PY" - start.csv filled.csv <<'EOF'
import csv, sys
a = list(csv.reader(open(sys.argv[1], encoding='utf-8')))
b = list(csv.reader(open(sys.argv[2], encoding='utf-8')))
print(len(a) == len(b) and sum(x != y for x, y in zip(a, b)))
EOF
)
eq "$n" 6 "rows changed by the filled sheet"
ok evidence list --db x.db --period 2023-demo --format csv
csv_is "$T/out" input 1.1 doc_number=45/KH-UBND file_name= unit=ninh-thuan
csv_is "$T/out" input 3.3.a "doc_number=123/QĐ-UBND" file_name=
# again: no second evidence item, the same values
ok import --db x.db --period 2023-demo filled.xlsx
ok evidence list --db x.db --period 2023-demo --format csv
eq "$(csv_rows "$T/out")" 2 "evidence items after a second import"
ok export --db x.db --period 2023-demo filled2.csv
same_values filled.csv filled2.csv
# an evidence reference without a value is not imported, and said so
ok import --db x.db --period 2024-demo blank-doc.xlsx
err_has "Sheet 'Số liệu', ô I[0-9]+: A.5 chưa có giá trị"
ok export --db x.db --period 2024-demo b.csv
csv_is b.csv input A.4 value=612345
eq "$(csv_rows b.csv)" 1 "values of the blank sheet filled"

# --- submitted values: refused, or skipped and reported -------------------
# the inputs whose evidence the methodology requires, named by the refusal
ko submit --db x.db --period 2023-demo --agency so-tttt
for i in $(sed -n 's/^lỗi: \([^ ]*\) (.*chưa có tài liệu kiểm chứng nào.*/\1/p' \
    "$T/err"); do
	ok evidence add --db x.db --period 2023-demo --note "biên bản" "$i"
done
ok submit --db x.db --period 2023-demo --agency so-tttt
before=$(dump x.db)
ko import --db x.db --period 2023-demo again.xlsx
err_has "Sheet 'Số liệu', ô H[0-9]+: đơn vị ninh-thuan, A.1: giá trị đang ở trạng thái đã gửi"
err_has "skip-locked"
eq "$(dump x.db)" "$before" "database after a refused import"
ok return --db x.db --period 2023-demo --inputs 3.3.a --comment "xem lại"
ok import --db x.db --period 2023-demo --skip-locked again.xlsx
grep -q "Đã nhập 1 giá trị (draft) vào kỳ 2023-demo; bỏ qua 111" "$T/out" ||
    fail "--skip-locked: $(cat "$T/out")"
err_has "Sheet 'Số liệu', ô H[0-9]+: bỏ qua 1.1 \(đơn vị ninh-thuan\), đã gửi"
eq "$(grep -c 'cảnh báo: .*bỏ qua' "$T/err")" 111 "skipped rows reported"
ok export --db x.db --period 2023-demo again.csv
csv_is again.csv input 3.3.a value=98200
csv_is again.csv input 1.1 value=deputy
DTI_LANG=en ok import --db x.db --period 2023-demo --skip-locked again.xlsx
err_has "sheet 'Số liệu', cell H[0-9]+: skipped 1.1 \(unit ninh-thuan\), submitted"
# a CSV file alike: the line of each skipped value
printf 'unit,input,value\nninh-thuan,3.3.a,98300\nninh-thuan,1.1,none\n' >skip.csv
ko import --db x.db --period 2023-demo skip.csv
err_has "skip.csv:3: lỗi: đơn vị ninh-thuan, 1.1: giá trị đang ở trạng thái đã gửi"
ok import --db x.db --period 2023-demo --skip-locked skip.csv
grep -q "Đã nhập 1 giá trị (draft) vào kỳ 2023-demo; bỏ qua 1 " "$T/out" ||
    fail "--skip-locked of a CSV file: $(cat "$T/out")"
err_has "skip.csv:3: cảnh báo: bỏ qua 1.1 \(đơn vị ninh-thuan\), đã gửi"
ok export --db x.db --period 2023-demo skip-out.csv
csv_is skip-out.csv input 3.3.a value=98300
csv_is skip-out.csv input 1.1 value=deputy

# --- bad files: refused with their message, nothing written ---------------
printf 'không phải bảng tính\n' >notzip.xlsx
"$PY" - so.xlsx bomb.xlsx lie.xlsx <<'EOF'
import sys, zipfile, struct
src = zipfile.ZipFile(sys.argv[1])
# the hidden description inflates to 20 MiB
with zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED) as z:
    for i in src.infolist():
        data = src.read(i.filename)
        if i.filename == 'xl/worksheets/sheet2.xml':
            data = data.replace(b'<sheetData>',
                                b'<sheetData>' + b' ' * (20 << 20))
        z.writestr(i.filename, data)
# the same, its headers claiming 1,000 bytes: stopped as it inflates
data = bytearray(open(sys.argv[2], 'rb').read())
name = b'xl/worksheets/sheet2.xml'
for sig, off in ((b'PK\x03\x04', 22), (b'PK\x01\x02', 24)):
    p = 0
    while (p := data.find(sig, p)) >= 0:
        n = struct.unpack('<H', data[p + (26 if sig == b'PK\x03\x04' else 28):
                          p + (28 if sig == b'PK\x03\x04' else 30)])[0]
        start = p + (30 if sig == b'PK\x03\x04' else 46)
        if bytes(data[start:start + n]) == name:
            data[p + off:p + off + 4] = struct.pack('<I', 1000)
        p += 4
open(sys.argv[3], 'wb').write(bytes(data))
EOF
before=$(dump x.db)
ko import --db x.db --period 2023-demo --skip-locked notzip.xlsx
err_has "không phải bảng tính XLSX"
ko import --db x.db --period 2023-demo --skip-locked bomb.xlsx
err_has "xl/worksheets/sheet2.xml: giải nén ra 2097[0-9]+ byte, quá giới hạn 16777216 byte"
ko import --db x.db --period 2023-demo --skip-locked lie.xlsx
err_has "xl/worksheets/sheet2.xml: giải nén ra hơn 16777216 byte"
ko import --db x.db --period 2023-demo --skip-locked y2022.xlsx
err_has "đây là phiếu nhập của kỳ 2022-demo, không phải kỳ 2023-demo"
ko import --db x.db --period 2023-demo --skip-locked text.xlsx
err_has "Sheet 'Số liệu', ô H[0-9]+: 1.3.a = 'mười': không phải số"
ko import --db x.db --period 2023-demo --skip-locked formula.xlsx
err_has "Sheet 'Số liệu', ô H[0-9]+: 1.3.a có công thức"
DTI_LANG=en ko import --db x.db --period 2023-demo --skip-locked formula.xlsx
err_has "sheet 'Số liệu', cell H[0-9]+: 1.3.a holds a formula"
eq "$(dump x.db)" "$before" "database after the bad work sheets"
echo "ok"
