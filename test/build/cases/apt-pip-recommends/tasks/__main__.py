import json
import sys


def main() -> int:
    tasks = [{"name": "cleanup", "every": "1h"}, {"name": "report", "every": "1d"}]
    json.dump(tasks, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
