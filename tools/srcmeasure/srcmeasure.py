#!/usr/bin/python3
# SPDX-License-Identifier: BSD-3-Clause
"""Measure a sample-rate converter from WAV files: THD+N, SFDR, passband
ripple, -3 dB point, alias and image rejection.

    srcmeasure.py run [--conv CMD] [--engines a,b] [--pairs 44100:48000,...]

CMD converts one file: "{exe} convert {engine} {inp} {out} {rate}" by default,
with exe = build-rel/src/modules/src/vregion_src_bench (which links the vregion
engine, libsoxr, libsamplerate and speexdsp). Until the testbench's
`vregion convert` exists this is the measurement path; that command is the
final one (pass --conv "vregion convert ... " then).

Signals (stereo, 32-bit integer WAV, written per input rate in a temp dir):
  tone997 / tone9997  -1 dBFS tones, 3 s            -> THD+N, SFDR
  steps               tone segments 20 Hz .. 0.4535 f_min (log) and
                      0.44 .. 0.5 f_min (fine), 0.25 s each -> ripple,
                      worst THD+N, -3 dB point
  alias (down only)   tones 0.52 .. 0.98 x fs_in/2 above fs_out/2 -> rejection
  images (up only)    in-band tones; energy above fs_in/2 in the output
THD+N is the residual after a least-squares fit of the tone (sin, cos, DC)
over the whole output band (stricter than a 20 kHz band limit).
"""
import argparse
import os
import subprocess
import sys
import tempfile

import numpy as np
from scipy.io import wavfile

SEG = 0.25          # seconds per stepped-sine segment
WIN = (0.08, 0.22)  # analysed part of each segment (after latency)
AMP = 10 ** (-1 / 20)


def write(path, fs, x):
    y = np.round(np.clip(x, -1, 1 - 2 ** -31) * 2 ** 31).astype(np.int32)
    wavfile.write(path, fs, np.column_stack([y, y]))


def read(path):
    fs, y = wavfile.read(path)
    if y.dtype != np.int32:
        raise SystemExit(f"{path}: expected 32-bit integer PCM, got {y.dtype}")
    return fs, y[:, 0].astype(np.float64) / 2 ** 31


def tone(fs, f, secs, amp=AMP):
    t = np.arange(int(fs * secs)) / fs
    return amp * np.sin(2 * np.pi * f * t)


def segments(fs, freqs, amp=AMP):
    n = int(SEG * fs)
    t = np.arange(n) / fs
    ramp = np.ones(n)
    r = int(0.01 * fs)
    ramp[:r] = 0.5 - 0.5 * np.cos(np.pi * np.arange(r) / r)
    ramp[-r:] = ramp[:r][::-1]
    return np.concatenate([amp * ramp * np.sin(2 * np.pi * f * t) for f in freqs])


def fit(x, fs, f):
    """Least-squares fit of a tone: returns amplitude and THD+N (dB)."""
    t = np.arange(len(x)) / fs
    a = np.column_stack([np.sin(2 * np.pi * f * t), np.cos(2 * np.pi * f * t), np.ones_like(t)])
    c, *_ = np.linalg.lstsq(a, x, rcond=None)
    r = x - a @ c
    amp = max(np.hypot(c[0], c[1]), 1e-150)
    return amp, 10 * np.log10(max(np.mean(r ** 2), 1e-300) / (amp ** 2 / 2))


def spectrum(x):
    w = np.kaiser(len(x), 38.0)  # sidelobes far below any 32-bit signal
    s = np.abs(np.fft.rfft(x * w)) / np.sum(w) * 2
    return 20 * np.log10(s + 1e-300)


def sfdr(x, fs, f):
    db = spectrum(x)
    k = int(round(f * len(x) / fs))
    mask = np.ones(len(db), bool)
    mask[max(0, k - 40):k + 41] = False
    mask[:40] = False
    return db[k - 3:k + 4].max() - db[mask].max()


def seg_slices(x, fs, nseg):
    n = int(SEG * fs)
    a, b = int(WIN[0] * fs), int(WIN[1] * fs)
    return [x[i * n + a:i * n + b] for i in range(nseg) if i * n + b <= len(x)]


def make_inputs(d, fs_in, fs_out):
    fmin = min(fs_in, fs_out)
    steps = list(np.geomspace(20, 0.4535 * fmin, 24)) + list(np.linspace(0.44, 0.5, 31) * fmin)
    files = {"tone997": [997.0], "tone9997": [9997.0], "steps": steps}
    if fs_out < fs_in:
        files["alias"] = list(np.linspace(0.52 * fs_out, 0.98 * fs_in / 2, 12))
    elif fs_out > fs_in:
        files["images"] = list(np.linspace(0.05, 0.45, 9) * fs_in)
    for name, freqs in files.items():
        p = os.path.join(d, f"{name}_{fs_in}_{fs_out}.wav")
        if not os.path.exists(p):
            x = tone(fs_in, freqs[0], 3.0) if name.startswith("tone") else segments(fs_in, freqs)
            write(p, fs_in, x)
    return files


def measure(conv, engine, fs_in, fs_out, d):
    files = make_inputs(d, fs_in, fs_out)
    fmin = min(fs_in, fs_out)
    res = {}
    for name, freqs in files.items():
        inp = os.path.join(d, f"{name}_{fs_in}_{fs_out}.wav")
        out = os.path.join(d, f"out_{engine}_{name}_{fs_in}_{fs_out}.wav")
        cmd = conv.format(engine=engine, inp=inp, out=out, rate=fs_out)
        subprocess.run(cmd, shell=True, check=True, stdout=subprocess.DEVNULL)
        fs, y = read(out)
        assert fs == fs_out
        if name.startswith("tone"):
            f = freqs[0]
            if f >= 0.4535 * fmin:
                continue
            mid = y[int(0.5 * fs):int(2.5 * fs)]
            amp, thdn = fit(mid, fs, f)
            res[name + "_thdn"] = thdn
            res[name + "_sfdr"] = sfdr(mid[:65536] if len(mid) > 65536 else mid, fs, f)
        elif name == "steps":
            gains, worst = [], -999.0
            for f, s in zip(freqs, seg_slices(y, fs, len(freqs))):
                amp, thdn = fit(s, fs, f)
                gains.append(20 * np.log10(amp / AMP))
                if f <= 0.4535 * fmin:
                    worst = max(worst, thdn)
            gains = np.array(gains)
            fr = np.array(freqs[:len(gains)])
            band = fr <= 0.4535 * fmin * (1 + 1e-9)
            res["ripple"] = np.max(np.abs(gains[band]))
            res["worst_thdn"] = worst
            below = np.where((fr > 0.4 * fmin) & (gains < -3.0))[0]
            if len(below):
                i = below[0]
                f3 = np.interp(-3.0, [gains[i], gains[i - 1]], [fr[i], fr[i - 1]])
                res["f3_pct"] = 100 * f3 / (fmin / 2)
        elif name == "alias":
            rej = []
            for f, s in zip(freqs, seg_slices(y, fs, len(freqs))):
                rej.append(-10 * np.log10(max(np.mean(s ** 2), 1e-300) / (AMP ** 2 / 2)))
            res["alias"] = min(rej)
        elif name == "images":
            rej = []
            for f, s in zip(freqs, seg_slices(y, fs, len(freqs))):
                db = spectrum(s)
                fb = np.fft.rfftfreq(len(s), 1 / fs)
                k = int(round(f * len(s) / fs))
                sig = db[k - 3:k + 4].max()
                img = db[fb >= 0.5 * fs_in + 0.01 * fs_in]
                rej.append(sig - img.max())
            res["images"] = min(rej)
    return res


COLS = [("tone997_thdn", "THD+N 997"), ("tone9997_thdn", "THD+N 9997"), ("worst_thdn", "worst THD+N"),
        ("tone997_sfdr", "SFDR 997"), ("ripple", "ripple dB"), ("f3_pct", "-3dB %Nyq"),
        ("alias", "alias rej"), ("images", "image rej")]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("cmd", choices=["run"])
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    exe = os.path.join(root, "build-rel/src/modules/src/vregion_src_bench")
    ap.add_argument("--conv", default=exe + " convert {engine} {inp} {out} {rate}")
    ap.add_argument("--engines", default="vregion,soxr,lsr,speex")
    ap.add_argument("--pairs", default="44100:48000,48000:44100,48000:16000,16000:48000,"
                    "44100:96000,96000:44100,8000:48000,192000:48000")
    ap.add_argument("--dir", default=None, help="keep the WAV files here")
    a = ap.parse_args()
    d = a.dir or tempfile.mkdtemp(prefix="srcmeasure-")
    os.makedirs(d, exist_ok=True)
    print("| pair | engine | " + " | ".join(c[1] for c in COLS) + " |")
    print("|---|---|" + "---|" * len(COLS))
    for pair in a.pairs.split(","):
        fs_in, fs_out = (int(v) for v in pair.split(":"))
        for eng in a.engines.split(","):
            r = measure(a.conv, eng, fs_in, fs_out, d)
            cells = []
            for key, _ in COLS:
                v = r.get(key)
                cells.append("–" if v is None else (f"{v:.5f}" if key == "ripple" else
                                                    f"{v:.2f}" if key == "f3_pct" else f"{v:.1f}"))
            print(f"| {fs_in}→{fs_out} | {eng} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    sys.exit(main())
