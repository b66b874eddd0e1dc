import argparse
import csv
import io
import sys


def transform(rows):
    for row in rows:
        yield {"name": row["name"].strip().title(), "amount": round(float(row["amount"]), 2)}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="etl")
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    source = io.StringIO("name,amount\n alice ,3.14159\nbob,2\n") if args.dry_run else sys.stdin
    for record in transform(csv.DictReader(source)):
        print(record)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
