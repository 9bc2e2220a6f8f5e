#!/usr/bin/env python3
"""The peer to beat: the pandas/openpyxl script a province IT officer would write for the same merge.

usage: peer_openpyxl.py OUTLINE_JSON OUT.xlsx DIR
Reads every .xlsx under DIR with openpyxl, finds each field by its defined name (sk_<key>),
sums whole numbers and money, takes the weighted mean of percents, counts choices, and writes
a summary workbook with pandas — what `sokết merge` does, minus the checks it makes on top.
"""
import json
import pathlib
import sys

import openpyxl
import pandas as pd


def main():
    outline = json.load(open(sys.argv[1], encoding="utf-8"))
    out, root = sys.argv[2], pathlib.Path(sys.argv[3])
    fields = {f["key"]: f for f in outline["fields"]}
    rows = []
    for path in sorted(root.rglob("*.xlsx")):
        try:
            wb = openpyxl.load_workbook(path, data_only=True)
        except Exception as e:  # a bad file must not stop the others
            print(f"skip {path}: {e}", file=sys.stderr)
            continue
        row = {"_file": str(path)}
        for name, dn in wb.defined_names.items():
            if not name.startswith("sk_") or name[3:] not in fields:
                continue
            for sheet, ref in dn.destinations:
                row[name[3:]] = wb[sheet][ref.replace("$", "")].value
        rows.append(row)
        wb.close()
    df = pd.DataFrame(rows)
    totals = {}
    for key, f in fields.items():
        if key not in df:
            continue
        col = pd.to_numeric(df[key], errors="coerce")
        if f["type"] in ("integer", "signed_integer", "money"):
            totals[key] = col.sum()
        elif f["type"] == "percent" and f.get("weight") in df:
            w = pd.to_numeric(df[f["weight"]], errors="coerce")
            ok = col.notna() & w.notna()
            totals[key] = (col[ok] * 100 * w[ok]).sum() / w[ok].sum() if w[ok].sum() else None
        elif f["type"] in ("choice", "yes_no"):
            for opt, n in df[key].value_counts().items():
                totals[f"{key}={opt}"] = n
    with pd.ExcelWriter(out) as xw:
        pd.DataFrame(sorted(totals.items()), columns=["key", "value"]).to_excel(xw, sheet_name="Tong hop", index=False)
        df.to_excel(xw, sheet_name="Chi tiet", index=False)
    print(f"{len(rows)} files merged")


if __name__ == "__main__":
    main()
