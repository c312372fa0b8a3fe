# test/fuzz/Inputs/cli_fuzz.py - a seeded mutation loop over the CLI's report reader (load_report
# of the `allocsite` script): for a fixed time, mutate the seed files (bytes, JSON tokens, extreme
# numbers, splices) and read each result. Every input must load or raise the reader's InputError
# with a one-line message; anything else (a traceback) is a crash. The first --save inputs are
# kept with their verdicts in the format of `allocsite check`, so that the runtime's loader can be
# asked about the same files.
#
#   cli_fuzz.py CLI SEED_DIR... --seconds 4 --seed 1 --work DIR [--save 1500]
import argparse
import importlib.machinery
import importlib.util
import os
import random
import sys
import time
import traceback

TOKENS = [b"{", b"}", b"[", b"]", b",", b":", b'"', b"null", b"true", b"false", b"-", b"0", b"-1",
          b"1e400", b"1.5", b"NaN", b"9223372036854775807", b"9223372036854775808", b"4294967296",
          b"\\u0000", b"\\ud800", b"\\ud83d\\ude00", b"\\n", b"\xff", b"\xc0\xaf", b"\xed\xa0\x80",
          b"\xef\xbb\xbf", b"\t", b"\x01", b'"live_bytes"', b'"live_blocks"', b'"alloc_calls"',
          b'"alloc_bytes"', b'"free_calls"', b'"peak_bytes"', b'"totals"', b'"sites"', b'"kind"',
          b'"instrumented"', b'"module_offset"', b'"inlined_at"', b'"via"', b'"0x1a2b"', b"[" * 70]


def mutate(rng, data, seeds):
    data = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(7)
        pos = rng.randint(0, len(data))
        if op == 0 and data:  # flip a byte
            data[min(pos, len(data) - 1)] = rng.randrange(256)
        elif op == 1:  # insert a token
            data[pos:pos] = rng.choice(TOKENS)
        elif op == 2 and data:  # delete a slice
            data[pos:pos + rng.randint(1, 16)] = b""
        elif op == 3 and data:  # duplicate a slice
            end = min(len(data), pos + rng.randint(1, 64))
            data[end:end] = data[pos:end]
        elif op == 4:  # replace a number with an extreme one
            digits = [i for i in range(len(data)) if 48 <= data[i] <= 57]
            if digits:
                i = rng.choice(digits)
                data[i:i + 1] = rng.choice(TOKENS[11:19])
        elif op == 5:  # splice another seed in
            other = rng.choice(seeds)
            cut = rng.randint(0, len(other))
            data = data[:pos] + other[cut:cut + rng.randint(1, 200)] + data[pos:]
        else:  # truncate
            del data[pos:]
    return bytes(data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cli")
    ap.add_argument("seed_dirs", nargs="+")
    ap.add_argument("--seconds", type=float, default=4)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", required=True)
    ap.add_argument("--save", type=int, default=1500)
    args = ap.parse_args()

    loader = importlib.machinery.SourceFileLoader("allocsite_cli", args.cli)
    spec = importlib.util.spec_from_loader("allocsite_cli", loader)
    cli = importlib.util.module_from_spec(spec)
    loader.exec_module(cli)

    seeds = []
    for d in args.seed_dirs:
        for name in sorted(os.listdir(d)):
            if name.endswith(".json"):
                with open(os.path.join(d, name), "rb") as f:
                    seeds.append(f.read())
    rng = random.Random(args.seed)
    saved = os.path.join(args.work, "saved")
    os.makedirs(saved, exist_ok=True)
    scratch = os.path.join(args.work, "input.json")
    verdicts = []
    runs = accepted = 0
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline:
        data = mutate(rng, rng.choice(seeds), seeds)
        path = scratch
        if runs < args.save:
            path = os.path.join(saved, "%05d.json" % runs)
        with open(path, "wb") as f:
            f.write(data)
        runs += 1
        try:
            report = cli.load_report(path)
        except cli.InputError as e:
            message = str(e)
            if not message or "\n" in message or "\r" in message:
                print("multi-line or empty rejection of %r: %r" % (data, message))
                return 1
            continue
        except Exception:
            print("crash on input %r:" % data)
            traceback.print_exc(file=sys.stdout)
            return 1
        accepted += 1
        if path != scratch:
            n = len(report["sites"])
            verdicts.append("%s: valid, %d site%s" % (path, n, "" if n == 1 else "s"))
    with open(os.path.join(args.work, "verdicts"), "w") as f:
        f.write("".join(v + "\n" for v in sorted(verdicts)))
    print("%d inputs, %d accepted, %d rejected, 0 crashes" % (runs, accepted, runs - accepted))
    return 0


if __name__ == "__main__":
    sys.exit(main())
