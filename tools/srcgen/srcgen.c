/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * srcgen: designs every filter of the SRC rate matrix and writes them as C.
 *
 *   vregion_srcgen <out.c> [<plan.md>]
 *
 * For each of the 14 x 14 rate pairs it considers a one-stage sharp filter
 * and two-stage cascades, estimates their cost (MACs per output sample),
 * coefficient bytes and delay-line bytes, and keeps the cheapest plan that
 * fits the memory targets (16 KiB of coefficients, 2 KiB of delay line per
 * channel); when none fits it keeps the smallest one and marks the pair.
 *
 * Cascade shapes (f_min = the lower of the two rates, A = ATTEN_DB):
 *  - up (fs_out > fs_in): S = x k sharp filter at fs_in (pass 0.4535 f_min,
 *    stop 0.5 f_min), then W: k*fs_in -> fs_out, a wide filter that passes
 *    0.5 f_min and stops the first image at k*fs_in - 0.5 f_min.
 *  - down (fs_out < fs_in): W: fs_in -> k*fs_out (pass 0.5 f_min, stop at
 *    k*fs_out - 0.5 f_min, so nothing folds onto [0, 0.5 f_min]), then
 *    S = / k sharp filter.
 * The sharp stage has few phases (small tables); the stage with many phases
 * has a wide transition band (few taps), which is what keeps the tables small.
 * When no such plan meets the budgets, the sharp stage may also convert by
 * q/p (p <= MAX_P): mid = fs * q / p gives intermediate rates whose wide stage
 * has far fewer phases (44.1 -> 32 kHz: 160/147 + 2/3 instead of 640/441 +
 * 1/2) and a sharp stage whose delay line is p times shorter than its
 * prototype. When that does not fit either, the pair's filters are designed
 * for 5 dB less stopband at a time, down to ATTEN_MIN_DB.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "src_tables.h"
#include "srcgen_design.h"

#define ATTEN_DB 140.0      /* stopband of every filter where the budgets allow */
#define ATTEN_MIN_DB 125.0  /* the least a pair may fall back to (see plan_pair) */
#define EST_SLACK 1.03      /* estimated lengths are within ~3 % of the designed ones */
#define ATTEN_STEP_DB 5.0
#define ATTEN_MARGIN 0.5    /* what the exchange aims beyond: room for quantization */
#define RIPPLE_DB 0.004     /* per stage, peak to peak below the passband's maximum
                             * gain (never above it: no overshoot at full scale);
                             * two stages stay within the +-0.01 dB target */
#define PASS_FRAC 0.465     /* passband edge of the sharp stage, x f_min: beyond
                             * the 0.4535 target so that -3 dB lands >= 0.475 f_min */
#define F3_MIN 0.4752       /* -3 dB point every stage must reach, x f_min */
/* Prototypes longer than this stay Kaiser designs (the exchange in double
 * precision is not trusted beyond it; none of the chosen plans needs one). */
#define REMEZ_MAX_N 8000u
#define COEF_BUDGET 16384u  /* bytes of coefficients per conversion */
#define STATE_BUDGET 2048u  /* bytes of delay line per channel */
#define CHUNK_MIN 8u
#define CHUNK_WANT 32u      /* new-sample room the engine would like: fewer, longer
                             * passes (measured ~9 % faster than 8 for 44.1 -> 48 kHz) */
#define MAX_FILTERS 1024
#define NARROW_PASS 0.02    /* a passband edge below this (cycles per prototype sample)
                             * is a many-phase wide stage's */
#define MAX_K 24            /* largest factor mid / f_min of a two-stage plan */
#define MAX_P 8             /* largest interpolation factor of a rational sharp stage */

static const uint32_t rates[VR_SRC_NRATES] = {
	8000, 11025, 12000, 16000, 22050, 24000, 32000,
	44100, 48000, 64000, 88200, 96000, 176400, 192000,
};

struct spec {
	unsigned L, M;
	double atten;      /* stopband attenuation, dB */
	double pass, stop; /* cycles per prototype sample */
	double f3;         /* the -3 dB point must be at or beyond this */
	double gain;       /* passband gain of the coefficients */
	unsigned shift;    /* output shift: 30, or 29 for a stage of gain x 2 */
};

struct filt {
	struct spec s;
	unsigned kind, n, taps, ncoefs, hist, chunk;
	double *h;
	int32_t *q;
	struct sg_response resp;
	double image_db;   /* sg_image_db of the stored tables (the worse) */
};

struct plan {
	unsigned nst;
	struct spec s[2];
	/* estimates, or real figures once designed */
	double cost;
	unsigned coef_bytes, fcoef_bytes, state_bytes;
	int over;
};

static struct filt filters[MAX_FILTERS];
static unsigned nfilters;

static uint64_t gcd64(uint64_t a, uint64_t b)
{
	while (b) {
		uint64_t t = a % b;

		a = b;
		b = t;
	}
	return a;
}

static unsigned kind_of(unsigned L)
{
	return L == 1 ? VR_SRC_FOLD1 : L == 2 ? VR_SRC_FOLD2 : VR_SRC_POLY;
}

/* Shape a stage of prototype length about n: taps, stored coefs, history. */
static void shape(struct filt *f, unsigned n)
{
	unsigned L = f->s.L, stride = (f->s.M + L - 1) / L;

	f->kind = kind_of(L);
	switch (f->kind) {
	case VR_SRC_FOLD1:
		f->n = n;
		f->taps = n;
		f->ncoefs = (n + 1) / 2;
		break;
	case VR_SRC_FOLD2:
		f->taps = (n + 2) / 2;      /* n = 2 * taps - 1, odd */
		f->n = 2 * f->taps - 1;
		f->ncoefs = (f->taps + 1) / 2 + f->taps / 2;
		break;
	default:
		f->taps = (n + L - 1) / L;
		f->n = L * f->taps;
		f->ncoefs = (L + 1) / 2 * f->taps;
		break;
	}
	f->hist = f->taps - 1;
	f->chunk = stride > CHUNK_MIN ? stride : CHUNK_MIN;
}

/* MACs per output of one stage (a folded pair counts 1.3). */
static double stage_cost(const struct filt *f)
{
	if (f->kind == VR_SRC_POLY)
		return f->taps;
	return 1.3 * ((f->taps + 1) / 2);
}

/* Allowed passband deviation of the exchange (+-, relative): after the
 * filter is scaled so that its largest passband gain is the nominal one, the
 * band spans (1 - d) / (1 + d) .. 1, which is RIPPLE_DB peak to peak. */
static double remez_dp(void)
{
	double r = pow(10.0, RIPPLE_DB / 20.0);

	return (r - 1.0) / (r + 1.0);
}

/* Length estimate of an equiripple low-pass (Herrmann, Schuessler and
 * Dehmer's D_inf and f terms), for the exchange's ripple and attenuation. */
static unsigned remez_length(double width, double atten)
{
	double lp = log10(remez_dp()), ls = log10(pow(10.0, -atten / 20.0));
	double dinf = (5.309e-3 * lp * lp + 7.114e-2 * lp - 0.4761) * ls -
		      (2.66e-3 * lp * lp + 0.5941 * lp + 0.4278);
	double fk = 11.01217 + 0.51244 * (lp - ls);

	return (unsigned)ceil(dinf / width - fk * width) + 1u;
}

/*
 * The images of a passband tone in a stage with L phases all fold into the
 * output, so their powers add up (meets_spec checks the sum, sg_image_db).
 * A flat equiripple stopband has every lobe at the limit: the L - 1 images
 * would need 10 log10(L - 1) dB more stopband (8.5 dB for L = 8, 20..30 dB
 * for the many-phase wide stages). Every stage with more than two phases,
 * and every narrow-passband (many-phase) one, gets a stopband weight rising
 * as f / stop instead, so the far images fall away like a window design's
 * lobes, at a few percent of taps; one or two phases keep a flat stopband.
 */
static double remez_slope(const struct spec *s)
{
	return s->pass < NARROW_PASS || s->L > 2 ? 1.0 : 0.0;
}

static double remez_atten(const struct spec *s)
{
	return s->atten + ATTEN_MARGIN;
}

static int use_remez(const struct spec *s)
{
	return remez_length(s->stop - s->pass, remez_atten(s)) <= REMEZ_MAX_N;
}

/* Prototype length the design will need: equiripple where the exchange is
 * used, Kaiser's formula where the design falls back to the window. */
static unsigned length_estimate(const struct spec *s)
{
	if (!use_remez(s))
		return sg_kaiser_length(s->atten, s->stop - s->pass);
	/* Herrmann's formula comes out ~6 % short for the narrow-band designs */
	if (remez_slope(s) != 0.0)
		return remez_length(s->stop - s->pass, remez_atten(s)) * 106u / 100u;
	return remez_length(s->stop - s->pass, remez_atten(s));
}

static void estimate(const struct spec *s, struct filt *f)
{
	f->s = *s;
	shape(f, length_estimate(s));
}

static int same_spec(const struct spec *a, const struct spec *b)
{
	return a->L == b->L && a->M == b->M && a->atten == b->atten &&
	       fabs(a->pass - b->pass) < 1e-12 &&
	       fabs(a->stop - b->stop) < 1e-12 && fabs(a->f3 - b->f3) < 1e-12 &&
	       a->gain == b->gain &&
	       a->shift == b->shift;
}

static int quantize(struct filt *f)
{
	unsigned L = f->s.L, k = 0;

	f->q = calloc(f->ncoefs, sizeof(*f->q));
	if (!f->q)
		return -1;
	switch (f->kind) {
	case VR_SRC_FOLD1:
		for (unsigned i = 0; i < f->ncoefs; i++)
			f->q[k++] = (int32_t)lrint(f->h[i] * 1073741824.0);
		break;
	case VR_SRC_FOLD2:
		for (unsigned i = 0; i < (f->taps + 1) / 2; i++)
			f->q[k++] = (int32_t)lrint(f->h[2 * i] * 1073741824.0);
		for (unsigned i = 0; i < f->taps / 2; i++)
			f->q[k++] = (int32_t)lrint(f->h[2 * i + 1] * 1073741824.0);
		break;
	default:
		for (unsigned p = 0; p < (L + 1) / 2; p++)
			for (unsigned j = 0; j < f->taps; j++)
				f->q[k++] = (int32_t)lrint(f->h[p + (f->taps - 1 - j) * L] *
							   1073741824.0);
		break;
	}
	return 0;
}

/* The largest sum of |h| over one phase: bounds the 64-bit accumulator. */
static double max_phase_abs(const struct filt *f)
{
	double worst = 0.0;

	for (unsigned p = 0; p < f->s.L; p++) {
		double s = 0.0;

		for (unsigned i = p; i < f->n; i += f->s.L)
			s += fabs(f->h[i]);
		worst = fmax(worst, s);
	}
	return worst;
}

/* The prototype as stored, in Q2.30 (as_float 0) or as the float32 table
 * holds it (the Q2.30 value rounded to float; the table's 2^(30 - shift)
 * gain factor is exact), as the engine and the tests see it. */
static void stored_proto(const double *h, unsigned n, int as_float, double *hq)
{
	for (unsigned i = 0; i < n; i++) {
		double q = (double)lrint(h[i] * 1073741824.0) / 1073741824.0;

		hq[i] = as_float ? (double)(float)q : q;
	}
}

/* Measure f->h as stored, both ways (FFT with `os` bins per 1/n): 1 when
 * both meet the spec (f->resp is the worse), 0 when not, -1 on error. */
static int meets_spec(struct filt *f, unsigned os)
{
	double *hq = malloc(f->n * sizeof(*hq));
	struct sg_response r;
	int ok = 1;

	if (!hq)
		return -1;
	for (int k = 0; k < 2 && ok; k++) {
		stored_proto(f->h, f->n, k, hq);
		if (sg_analyze_os(hq, f->n, f->s.L * f->s.gain, f->s.pass, f->s.stop, os, &r)) {
			free(hq);
			return -1;
		}
		if (k == 0) {
			f->resp = r;
			f->image_db = -400.0;
		} else {
			f->resp.stop_db = fmax(f->resp.stop_db, r.stop_db);
			f->resp.pass_dev_db = fmax(f->resp.pass_dev_db, r.pass_dev_db);
			f->resp.pass_max_db = fmax(f->resp.pass_max_db, r.pass_max_db);
			f->resp.f3db = fmin(f->resp.f3db, r.f3db);
		}
		ok = f->resp.stop_db <= -(f->s.atten + 0.25) && f->resp.pass_dev_db <= RIPPLE_DB &&
		     f->resp.pass_max_db <= 1e-5 && f->resp.f3db >= f->s.f3;
		if (ok && f->s.L > 1) {
			f->image_db = fmax(f->image_db, sg_image_db(hq, f->n, f->s.L,
								    f->s.L * f->s.gain, f->s.pass,
								    f->s.stop));
			ok = f->image_db <= -(f->s.atten + 0.25);
		}
	}
	free(hq);
	return ok;
}

static int alloc_h(struct filt *f, unsigned n)
{
	shape(f, n);
	free(f->h);
	f->h = malloc(f->n * sizeof(*f->h));
	return f->h ? 0 : -1;
}

/* Designs already made: the wide stages of many pairs share a prototype
 * (same length, edges and gain, another decimation factor), and a long
 * exchange costs seconds. */
struct memo {
	unsigned n;
	double pass, stop, k, g, d;
	int rc;
	double *h;
};
static struct memo memos[4096];
static unsigned nmemos;

/* (the slope is a function of pass, so it needs no place in the key) */
static int remez_memo(double *h, unsigned n, double pass, double stop, double kstop,
		      double slope, double g, double *d)
{
	struct memo *m;

	for (unsigned i = 0; i < nmemos; i++) {
		m = &memos[i];
		if (m->n == n && m->pass == pass && m->stop == stop && m->k == kstop &&
		    m->g == g) {
			if (m->rc == 0)
				memcpy(h, m->h, n * sizeof(*h));
			*d = m->d;
			return m->rc;
		}
	}
	m = nmemos < 4096 && n >= 256 ? &memos[nmemos] : NULL;
	{
		int rc = sg_remez_lowpass_sloped(h, n, pass, stop, kstop, slope, g, d);

		if (m && rc >= 0 && (m->h = malloc(n * sizeof(*h))) != NULL) {
			memcpy(m->h, h, n * sizeof(*h));
			m->n = n;
			m->pass = pass;
			m->stop = stop;
			m->k = kstop;
			m->g = g;
			m->d = rc == 0 ? *d : 0.0;
			m->rc = rc;
			nmemos++;
		}
		return rc;
	}
}

static double remez_kstop(const struct spec *s)
{
	return remez_dp() / pow(10.0, -remez_atten(s) / 20.0);
}

/* Equiripple design of length about n: 1 when it meets the spec, 0 when not,
 * 2 when the exchange did not converge, -1 on error. *dev = the relative
 * passband deviation reached (when the exchange converged). */
static int try_remez(struct filt *f, unsigned n, double *dev)
{
	double g = f->s.L * f->s.gain, dp = remez_dp(), d;
	int rc;

	if (alloc_h(f, n))
		return -1;
	rc = remez_memo(f->h, f->n, f->s.pass, f->s.stop, remez_kstop(&f->s), remez_slope(&f->s), g,
			&d);
	if (rc)
		return rc < 0 ? -1 : 2;
	d /= g;
	*dev = d;
	if (d > dp)
		return 0;
	/* largest passband gain to the nominal one: nothing ever overshoots */
	for (unsigned i = 0; i < f->n; i++)
		f->h[i] /= 1.0 + d;
	return meets_spec(f, 64);
}

/* Kaiser design from about n taps up. 0 when done, -1 on failure. */
static int design_kaiser(struct filt *f, unsigned n0)
{
	static const double extra[] = { 2.0, 4.0 };
	const struct spec *s = &f->s;
	unsigned n = n0 * 96 / 100; /* start a little short: the loop grows it */

	for (;;) {
		int ok = 0;

		if (n > 2 * n0 + 64)
			return -1;
		if (alloc_h(f, n))
			return -1;
		/* the attenuation a Kaiser window reaches wobbles with N around the
		 * beta target: try beta for a little more than the target */
		for (unsigned b = 0; b < 2 && !ok; b++) {
			sg_kaiser_lowpass(f->h, f->n, (s->pass + s->stop) / 2.0,
					  sg_kaiser_beta(s->atten + extra[b]), s->L * s->gain);
			ok = meets_spec(f, 16);
			if (ok < 0)
				return -1;
		}
		if (ok)
			return 0;
		n = f->n + (f->kind == VR_SRC_FOLD2 ? 2 : f->kind == VR_SRC_POLY ? s->L : 1);
	}
}

/*
 * The length at which a design of length n that reached the relative
 * passband deviation d would reach the spec's: for an equiripple low-pass,
 * -20 log10(sqrt(dp * ds)) - 13 grows in proportion to the length (the
 * stopband deviation ds = d / kstop follows d), so one converged design
 * tells where to look; the search then steps from there.
 */
static unsigned predicted_length(const struct spec *s, unsigned n, double d)
{
	double k = 10.0 * log10(remez_kstop(s)) - 13.0;
	double want = -20.0 * log10(remez_dp()) + k, got = -20.0 * log10(d) + k;

	if (!(d > 0.0) || !(got > 1.0))
		return n;
	return (unsigned)ceil(n * want / got);
}

/*
 * Equiripple design of the shortest length that meets the spec, searched from
 * the estimate n0 in steps of the stage's length granularity. 0 when done,
 * 1 when the exchange is not usable for this filter, -1 on error.
 */
static int design_remez(struct filt *f, unsigned n0)
{
	unsigned step, n, good = 0, misses = 0;
	double d;
	int ok = try_remez(f, n0, &d);

	if (ok < 0)
		return -1;
	n = f->n; /* shape() has set the kind: lengths go in steps of */
	step = f->kind == VR_SRC_FOLD2 ? 2 : f->kind == VR_SRC_POLY ? f->s.L : 1;
	if (ok != 2) { /* converged: start the search where the length should be */
		unsigned nj = predicted_length(&f->s, n, d);

		if (nj > n + step || nj + step < n) {
			ok = try_remez(f, nj, &d);
			if (ok < 0)
				return -1;
			if (ok == 2) /* back to the estimate */
				ok = try_remez(f, n0, &d);
			n = f->n;
		}
	}
	if (ok == 1) { /* shorten while it still meets the spec */
		good = n;
		while (n > step + 3) {
			ok = try_remez(f, n - step, &d);
			if (ok < 0)
				return -1;
			if (ok != 1 || f->n >= n)
				break;
			good = n = f->n;
		}
	} else { /* lengthen until it does; a length where the exchange does
		  * not converge is skipped, three in a row end the search */
		misses = ok == 2;
		while (!good && misses < 3 && n + step <= REMEZ_MAX_N &&
		       n < n0 + n0 / 4 + 4 * step) {
			ok = try_remez(f, n + step, &d);
			if (ok < 0)
				return -1;
			misses = ok == 2 ? misses + 1 : 0;
			n = f->n;
			if (ok == 1)
				good = n;
		}
	}
	if (!good)
		return 1;
	if (f->n != good && try_remez(f, good, &d) != 1)
		return -1;
	return 0;
}

/* Design (or reuse) the filter for spec s; returns its index or -1. */
static int design(const struct spec *s)
{
	struct filt *f;
	unsigned n0;
	int rc = 1;
	const char *how = "remez";

	for (unsigned i = 0; i < nfilters; i++)
		if (same_spec(&filters[i].s, s))
			return (int)i;
	if (nfilters == MAX_FILTERS)
		return -1;
	f = &filters[nfilters];
	f->s = *s;
	n0 = length_estimate(s);
	if (use_remez(s))
		rc = design_remez(f, n0);
	if (rc < 0)
		return -1;
	if (rc > 0) {
		how = "kaiser";
		if (design_kaiser(f, sg_kaiser_length(s->atten, s->stop - s->pass))) {
			fprintf(stderr, "srcgen: no design for L=%u M=%u\n", s->L, s->M);
			return -1;
		}
	}
	if (max_phase_abs(f) >= 3.99) {
		fprintf(stderr, "srcgen: phase gain too large for the accumulator\n");
		return -1;
	}
	if (f->hist + 1 < (s->M + s->L - 1) / s->L) {
		fprintf(stderr, "srcgen: decimation stride beyond the filter\n");
		return -1;
	}
	if (quantize(f))
		return -1;
	if (getenv("SRCGEN_VERBOSE"))
		fprintf(stderr, "filter %u: %s L=%u M=%u N=%u (est %u) stop %.2f dB images %.2f dB ripple %.4f dB f3 %.4f, %.1f s\n",
			nfilters, how, s->L, s->M, f->n, n0, f->resp.stop_db, f->image_db, f->resp.pass_dev_db,
			f->resp.f3db * s->L, (double)clock() / CLOCKS_PER_SEC);
	return (int)nfilters++;
}

static struct spec mkspec(uint64_t fs_in, uint64_t fs_out, double pass_hz, double stop_hz,
			  double f3_hz, double gain, unsigned shift, double atten)
{
	uint64_t g = gcd64(fs_in, fs_out);
	struct spec s = { .L = (unsigned)(fs_out / g), .M = (unsigned)(fs_in / g), .atten = atten,
			  .gain = gain, .shift = shift };
	double proto = (double)fs_in * s.L;

	s.pass = pass_hz / proto;
	s.stop = stop_hz / proto;
	s.f3 = f3_hz / proto;
	return s;
}

/* Values of a filter's float32 table (what float_table fills), from its
 * shape alone: plans are costed with it before anything is designed. */
static unsigned float_count(const struct filt *f)
{
	if (f->kind == VR_SRC_FOLD1)
		return f->n;
	if (f->kind == VR_SRC_FOLD2)
		return 2 * f->taps;
	return (f->s.L + 1) / 2 * f->taps;
}

/* Fill cost, coefficient and state bytes of a plan from estimated or designed
 * filters. The coefficient budget holds for both arithmetics' tables. */
static void figure(struct plan *p, const struct filt *f[2], double first_out_rate, double fs_out)
{
	p->coef_bytes = 0;
	p->fcoef_bytes = 0;
	p->state_bytes = 0;
	for (unsigned i = 0; i < p->nst; i++) {
		p->coef_bytes += 4u * f[i]->ncoefs;
		p->fcoef_bytes += 4u * float_count(f[i]);
		p->state_bytes += 4u * (f[i]->hist + f[i]->chunk);
	}
	p->cost = stage_cost(f[p->nst - 1]);
	if (p->nst == 2)
		p->cost += stage_cost(f[0]) * first_out_rate / fs_out;
	p->over = p->coef_bytes > COEF_BUDGET || p->fcoef_bytes > COEF_BUDGET ||
		  p->state_bytes > STATE_BUDGET;
}

/* How far a plan is beyond the tighter of its budgets (1 = at the limit). */
static double excess(const struct plan *p)
{
	unsigned cb = p->coef_bytes > p->fcoef_bytes ? p->coef_bytes : p->fcoef_bytes;

	return fmax((double)cb / COEF_BUDGET, (double)p->state_bytes / STATE_BUDGET);
}

/* Badness for ordering: plans within `room` of the budgets (1 = all of
 * them) by cost, then the others by excess. */
static double badness_in(const struct plan *p, double room)
{
	return excess(p) > room ? 1e9 * excess(p) + p->cost : p->cost;
}

static double badness(const struct plan *p)
{
	return badness_in(p, 1.0);
}

/*
 * The candidate plans of a pair (one stage, or a sharp stage of ratio q/p and
 * a wide one) into out[] (at most `cap`), rate1[] = the first stage's output
 * rate. Up: S = fs_in -> mid = fs_in q/p, then W = mid -> fs_out. Down:
 * W = fs_in -> mid = fs_out q/p, then S = mid -> fs_out. p = 1 (an integer
 * factor k = q, the usual shapes) unless `rational`: then p goes up to MAX_P,
 * which offers intermediate rates with fewer phases in W and a sharp stage
 * whose delay line is p times shorter than its prototype.
 */
static unsigned candidates(uint32_t fs_in, uint32_t fs_out, double atten, int rational,
			   struct plan *out, double *rate1, unsigned cap)
{
	double fmin = fs_in < fs_out ? fs_in : fs_out;
	int up = fs_out > fs_in;
	uint64_t base = up ? fs_in : fs_out, other = up ? fs_out : fs_in;
	unsigned n = 0, pmax = rational ? MAX_P : 1;

	out[n].nst = 1;
	out[n].s[0] = mkspec(fs_in, fs_out, PASS_FRAC * fmin, 0.5 * fmin, F3_MIN * fmin, 1.0, 30, atten);
	rate1[n++] = fs_out;
	for (unsigned p = 1; p <= pmax; p++)
		for (unsigned q = p + 1; q <= MAX_K * p && n < cap; q++) {
			uint64_t mid;

			if (gcd64(p, q) != 1 || base * q % p != 0)
				continue;
			mid = base * q / p;
			if (mid == other)
				continue;
			out[n].nst = 2;
			if (up) {
				out[n].s[0] = mkspec(fs_in, mid, PASS_FRAC * fmin, 0.5 * fmin, F3_MIN * fmin,
						     1.0, 30, atten);
				out[n].s[1] = mkspec(mid, fs_out, 0.5 * fmin, (double)mid - 0.5 * fmin,
						     F3_MIN * fmin, 1.0, 30, atten);
			} else { /* headroom for what W lets through: see src_tables.h */
				out[n].s[0] = mkspec(fs_in, mid, 0.5 * fmin, (double)mid - 0.5 * fmin,
						     F3_MIN * fmin, 0.5, 30, atten);
				out[n].s[1] = mkspec(mid, fs_out, PASS_FRAC * fmin, 0.5 * fmin, F3_MIN * fmin,
						     1.0, 29, atten);
			}
			/* a stage whose stopband starts beyond its Nyquist has nothing to do */
			if (out[n].s[0].stop >= 0.5 || out[n].s[1].stop >= 0.5)
				continue;
			rate1[n++] = (double)mid;
		}
	return n;
}

struct chosen {
	unsigned nst, over;
	int fid[2];
	double cost, latency_s, atten;
	unsigned coef_bytes, fcoef_bytes, state_bytes;
};

static struct chosen chosen[VR_SRC_NRATES][VR_SRC_NRATES];

static double stage_delay(const struct filt *f, double fs_in)
{
	/* (N - 1) / 2 prototype samples at L * fs_in */
	return ((double)f->n - 1.0) / 2.0 / (fs_in * f->s.L);
}

static struct plan of_chosen(const struct chosen *c)
{
	return (struct plan){ .cost = c->cost, .coef_bytes = c->coef_bytes,
			      .fcoef_bytes = c->fcoef_bytes, .state_bytes = c->state_bytes,
			      .over = (int)c->over };
}

#define MAX_CAND 1024
static struct plan cand[MAX_CAND];
static double rate1[MAX_CAND];
static unsigned order[MAX_CAND];

/* How hard plan_with tries (the long designs are what costs time). */
enum effort {
	BEST_FEW,      /* design the best few candidates, keep the best real one */
	FALLBACK,      /* only the first choice, and only if its estimate fits with
	                * EST_SLACK to spare (else *c just says over) */
	LAST_FALLBACK, /* the same, also when the estimate fits just */
};

/* Plan a pair with one attenuation and shape family: estimate every
 * candidate, design some (see enum effort) and keep the best real one in *c.
 * 0, or -1 when a design failed. */
static int plan_with(uint32_t fs_in, uint32_t fs_out, double atten, int rational,
		     enum effort effort, struct chosen *c)
{
	unsigned nc = candidates(fs_in, fs_out, atten, rational, cand, rate1, MAX_CAND);
	int prune = effort != BEST_FEW;
	double room = effort == FALLBACK ? 1.0 / EST_SLACK : 1.0;

	for (unsigned i = 0; i < nc; i++) {
		struct filt e[2];
		const struct filt *ep[2] = { &e[0], &e[1] };

		for (unsigned s = 0; s < cand[i].nst; s++)
			estimate(&cand[i].s[s], &e[s]);
		figure(&cand[i], ep, rate1[i], fs_out);
		order[i] = i;
	}
	/* insertion sort by badness (stable); a fallback wants its estimates to
	 * fit with room for their error, since it designs only its first choice */
	for (unsigned i = 1; i < nc; i++)
		for (unsigned j = i; j > 0 && badness_in(&cand[order[j]], room) <
					      badness_in(&cand[order[j - 1]], room); j--) {
			unsigned t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	if (getenv("SRCGEN_VERBOSE") && nc)
		fprintf(stderr, "  %u -> %u at %.0f dB%s: best estimate %u/%u + %u/%u, %u/%u/%u bytes\n",
			fs_in, fs_out, atten, rational ? " (rational)" : "", cand[order[0]].s[0].L,
			cand[order[0]].s[0].M, cand[order[0]].s[1].L, cand[order[0]].s[1].M,
			cand[order[0]].coef_bytes, cand[order[0]].fcoef_bytes, cand[order[0]].state_bytes);
	c->nst = 0;
	if (prune && excess(&cand[order[0]]) > room) {
		c->over = 1;
		return 0;
	}
	for (unsigned r = 0; r < nc && r < (prune ? 1u : 3u); r++) {
		struct plan p = cand[order[r]], best = of_chosen(c);
		const struct filt *fp[2];
		int id[2] = { -1, -1 };

		for (unsigned s = 0; s < p.nst; s++) {
			id[s] = design(&p.s[s]);
			if (id[s] < 0)
				return -1;
			fp[s] = &filters[id[s]];
		}
		figure(&p, fp, rate1[order[r]], fs_out);
		if (c->nst == 0 || badness(&p) < badness(&best)) {
			c->nst = p.nst;
			c->over = (unsigned)p.over;
			c->fid[0] = id[0];
			c->fid[1] = id[1];
			c->cost = p.cost;
			c->atten = atten;
			c->coef_bytes = p.coef_bytes;
			c->fcoef_bytes = p.fcoef_bytes;
			c->state_bytes = p.state_bytes;
			c->latency_s = stage_delay(fp[0], fs_in);
			if (p.nst == 2)
				c->latency_s += stage_delay(fp[1], rate1[order[r]]);
		}
		/* the estimates are close enough that the second may be cheaper */
		if (!p.over && r >= 1)
			break;
	}
	return 0;
}

/*
 * Plan a pair: the usual shapes at full attenuation; when no plan of those
 * meets the memory budgets, the rational shapes too; when still none does,
 * the same at ATTEN_STEP_DB less, down to ATTEN_MIN_DB (still far beyond the
 * 100 dB alias/image target; a down-conversion's in-band THD+N does not
 * depend on it). If nothing fits even then, the full-attenuation plan stays
 * (marked over budget): quality is not traded for nothing.
 */
static int plan_pair(unsigned a, unsigned b)
{
	uint32_t fs_in = rates[a], fs_out = rates[b];
	struct chosen *c = &chosen[a][b];

	memset(c, 0, sizeof(*c));
	if (fs_in == fs_out)
		return 0;
	for (double atten = ATTEN_DB; atten >= ATTEN_MIN_DB; atten -= ATTEN_STEP_DB)
		for (int rational = 0; rational < 2; rational++) {
			enum effort e = atten == ATTEN_DB && !rational ? BEST_FEW :
					atten - ATTEN_STEP_DB < ATTEN_MIN_DB && rational ? LAST_FALLBACK :
					FALLBACK;

			if (plan_with(fs_in, fs_out, atten, rational, e, c))
				return -1;
			if (!c->over)
				return 0;
		}
	return plan_with(fs_in, fs_out, ATTEN_DB, 0, BEST_FEW, c);
}

/* Append a row of T coefficients (already in the kernel's reading order). */
static unsigned put_row(const double *row, unsigned T, float *out)
{
	for (unsigned k = 0; k < T; k++)
		out[k] = (float)row[k];
	return T;
}

/* Fill out[0 .. float_count(f)) with the float32 table of a filter; returns
 * the count (0 when out of memory). */
static unsigned float_table(const struct filt *f, float *out)
{
	unsigned T = f->taps, n = 0, rows;
	const int32_t *q0 = f->q, *q1 = f->q + (T + 1) / 2;
	double sc = ldexp(1.0, -(int)f->s.shift);
	double *row = calloc(f->kind == VR_SRC_FOLD1 ? f->n : T, sizeof(*row));

	if (!row)
		return 0;
	switch (f->kind) {
	case VR_SRC_FOLD1: /* the whole symmetric filter */
		for (unsigned k = 0; k < f->n; k++)
			row[k] = q0[k < f->n - 1 - k ? k : f->n - 1 - k] * sc;
		n = put_row(row, f->n, out);
		break;
	case VR_SRC_FOLD2: /* c0[k] * x[n-T+1+k] = h[2(T-1-k)]; c1 the same for h[2(T-1-k)+1] */
		for (unsigned k = 0; k < T; k++) {
			unsigned i = T - 1 - k;

			row[k] = q0[i < T - 1 - i ? i : T - 1 - i] * sc;
		}
		n = put_row(row, T, out);
		for (unsigned k = 0; k < T; k++) {
			unsigned j = T - 1 - k; /* h[2j+1], j <= T-2; h[2T-1] does not exist */

			row[k] = k == 0 ? 0.0 : q1[j < T - 2 - j ? j : T - 2 - j] * sc;
		}
		n += put_row(row, T, out + n);
		break;
	default: /* the Q2.30 rows (phases 0 .. ceil(L/2)-1), as floats */
		rows = (f->s.L + 1) / 2;
		for (unsigned p = 0; p < rows; p++) {
			for (unsigned k = 0; k < T; k++)
				row[k] = f->q[p * T + k] * sc;
			n += put_row(row, T, out + n);
		}
		break;
	}
	free(row);
	return n;
}

static int used_id[MAX_FILTERS]; /* filter index -> emitted index, or -1 */
static unsigned nused;

static void number_used(void)
{
	for (unsigned i = 0; i < nfilters; i++)
		used_id[i] = -1;
	for (unsigned a = 0; a < VR_SRC_NRATES; a++)
		for (unsigned b = 0; b < VR_SRC_NRATES; b++)
			for (unsigned s = 0; s < chosen[a][b].nst; s++)
				used_id[chosen[a][b].fid[s]] = 0;
	nused = 0;
	for (unsigned i = 0; i < nfilters; i++)
		if (used_id[i] == 0)
			used_id[i] = (int)nused++;
}

/* The float32 table, as exact hexadecimal literals. */
static int emit_floats(FILE *o, const struct filt *f, int id)
{
	unsigned n = float_count(f);
	float *v = n ? malloc(n * sizeof(*v)) : NULL;

	if (!v || float_table(f, v) != n) {
		free(v);
		return -1;
	}
	fprintf(o, "#if VR_SRC_FLOAT_TABLES\n");
	fprintf(o, "static const float fcoef_%d[%u] = {", id, n);
	for (unsigned k = 0; k < n; k++)
		fprintf(o, "%s%af,", k % 6 ? " " : "\n\t", (double)v[k]);
	fprintf(o, "\n};\n#endif\n");
	free(v);
	return 0;
}

static int emit(FILE *o)
{
	unsigned long total = 0, ftotal = 0;

	number_used();
	fprintf(o, "/* Generated by tools/srcgen (vregion_srcgen): do not edit. */\n");
	fprintf(o, "#include <stddef.h>\n\n#include \"src_tables.h\"\n\n");
	fprintf(o, "#if VR_SRC_INT_TABLES\n#define QTAB(n) coef_##n\n#else\n#define QTAB(n) NULL\n#endif\n");
	fprintf(o, "#if VR_SRC_FLOAT_TABLES\n#define FTAB(n) fcoef_##n\n#else\n#define FTAB(n) NULL\n#endif\n\n");
	fprintf(o, "const uint32_t vr_src_rates[VR_SRC_NRATES] = {");
	for (unsigned i = 0; i < VR_SRC_NRATES; i++)
		fprintf(o, "%s%u", i ? ", " : " ", rates[i]);
	fprintf(o, " };\n\n");
	for (unsigned i = 0; i < nfilters; i++) {
		const struct filt *f = &filters[i];

		if (used_id[i] < 0)
			continue;
		total += 4ul * f->ncoefs;
		ftotal += 4ul * float_count(f);
		fprintf(o, "/* L=%u M=%u N=%u pass=%.9g stop=%.9g: stop %.2f dB, ripple %.2e dB */\n",
			f->s.L, f->s.M, f->n, f->s.pass, f->s.stop, f->resp.stop_db,
			f->resp.pass_dev_db);
		fprintf(o, "#if VR_SRC_INT_TABLES\n");
		fprintf(o, "static const int32_t coef_%d[%u] = {", used_id[i], f->ncoefs);
		for (unsigned k = 0; k < f->ncoefs; k++)
			fprintf(o, "%s%ld,", k % 8 ? " " : "\n\t", (long)f->q[k]);
		fprintf(o, "\n};\n#endif\n");
		if (emit_floats(o, f, used_id[i]))
			return -1;
		fprintf(o, "\n");
	}
	fprintf(o, "const struct vr_src_filter vr_src_filters[%u] = {\n", nused);
	for (unsigned i = 0; i < nfilters; i++) {
		const struct filt *f = &filters[i];

		if (used_id[i] < 0)
			continue;
		fprintf(o, "\t{ %u, %u, %u, %u, %u, %u, %u, %u, %u, QTAB(%d), FTAB(%d), %u, %.17g, %.17g, %.1f, %.4f, %.1f },\n",
			f->s.L, f->s.M, f->kind, f->taps, f->n, f->ncoefs, f->hist, f->chunk, f->s.shift, used_id[i],
			used_id[i], float_count(f), f->s.pass, f->s.stop, f->s.atten, RIPPLE_DB, f->s.gain);
	}
	fprintf(o, "};\n\nconst uint32_t vr_src_nfilters = %u;\n", nused);
	fprintf(o, "/* %lu bytes of Q2.30 and %lu bytes of float32 coefficients in all */\n\n",
		total, ftotal);
	fprintf(o, "const struct vr_src_pair vr_src_pairs[VR_SRC_NRATES][VR_SRC_NRATES] = {\n");
	for (unsigned a = 0; a < VR_SRC_NRATES; a++) {
		fprintf(o, "\t{\n");
		for (unsigned b = 0; b < VR_SRC_NRATES; b++) {
			const struct chosen *c = &chosen[a][b];

			fprintf(o, "\t\t{ %u, %u, { %d, %d }, %lu }, /* %u -> %u */\n", c->nst, c->over,
				c->nst ? used_id[c->fid[0]] : 0, c->nst == 2 ? used_id[c->fid[1]] : 0,
				(unsigned long)lrint(c->latency_s * 1e9), rates[a], rates[b]);
		}
		fprintf(o, "\t},\n");
	}
	fprintf(o, "};\n");
	return ferror(o) ? -1 : 0;
}

static void report(FILE *o)
{
	fprintf(o, "| in \\ out | stages (L/M) | stop dB | coef bytes int | coef bytes float | delay bytes/ch | MAC/out | latency ms |\n");
	fprintf(o, "|---|---|---|---|---|---|---|---|\n");
	for (unsigned a = 0; a < VR_SRC_NRATES; a++)
		for (unsigned b = 0; b < VR_SRC_NRATES; b++) {
			const struct chosen *c = &chosen[a][b];
			char st[64] = "copy";
			unsigned fbytes = c->fcoef_bytes;

			if (c->nst == 1)
				snprintf(st, sizeof(st), "%u/%u", filters[c->fid[0]].s.L,
					 filters[c->fid[0]].s.M);
			else if (c->nst == 2)
				snprintf(st, sizeof(st), "%u/%u + %u/%u", filters[c->fid[0]].s.L,
					 filters[c->fid[0]].s.M, filters[c->fid[1]].s.L,
					 filters[c->fid[1]].s.M);
			fprintf(o, "| %u → %u | %s | %.0f | %u%s | %u%s | %u%s | %.0f | %.2f |\n", rates[a], rates[b], st, c->atten,
				c->coef_bytes, c->coef_bytes > COEF_BUDGET ? " (over)" : "",
				fbytes, fbytes > COEF_BUDGET ? " (over)" : "",
				c->state_bytes, c->state_bytes > STATE_BUDGET ? " (over)" : "",
				c->cost, c->latency_s * 1e3);
		}
}

/* The same bytes as a 14 x 14 matrix: coefficient bytes (the larger of the
 * two arithmetics' tables) / delay-line bytes per channel, for the README. */
static void report_matrix(FILE *o)
{
	fprintf(o, "| in \\ out kHz |");
	for (unsigned b = 0; b < VR_SRC_NRATES; b++)
		fprintf(o, " %g |", rates[b] / 1000.0);
	fprintf(o, "\n|---|");
	for (unsigned b = 0; b < VR_SRC_NRATES; b++)
		fprintf(o, "---|");
	fprintf(o, "\n");
	for (unsigned a = 0; a < VR_SRC_NRATES; a++) {
		fprintf(o, "| **%g** |", rates[a] / 1000.0);
		for (unsigned b = 0; b < VR_SRC_NRATES; b++) {
			const struct chosen *c = &chosen[a][b];
			unsigned cb = c->coef_bytes > c->fcoef_bytes ? c->coef_bytes : c->fcoef_bytes;
			if (!c->nst)
				fprintf(o, " – |");
			else
				fprintf(o, " %u/%u%s |", cb, c->state_bytes,
					cb > COEF_BUDGET || c->state_bytes > STATE_BUDGET ? " (over)" : "");
		}
		fprintf(o, "\n");
	}
}

/*
 * Once every pair is planned, give each used filter's delay line up to
 * CHUNK_WANT samples of new-sample room, where every pair using it stays
 * within the delay-line budget (pairs already over it get nothing more).
 * Bigger chunks only change how often the engine loops, not its output.
 */
static void grow_chunks(void)
{
	for (unsigned i = 0; i < nfilters; i++) {
		unsigned room = CHUNK_WANT > filters[i].chunk ? CHUNK_WANT - filters[i].chunk : 0;
		int used = 0;

		for (unsigned a = 0; a < VR_SRC_NRATES; a++)
			for (unsigned b = 0; b < VR_SRC_NRATES; b++) {
				const struct chosen *c = &chosen[a][b];

				for (unsigned s = 0; s < c->nst; s++)
					if (c->fid[s] == (int)i) {
						unsigned left = c->state_bytes >= STATE_BUDGET ? 0 :
								(STATE_BUDGET - c->state_bytes) / 4u;

						used = 1;
						room = left < room ? left : room;
					}
			}
		if (!used || !room)
			continue;
		filters[i].chunk += room;
		for (unsigned a = 0; a < VR_SRC_NRATES; a++)
			for (unsigned b = 0; b < VR_SRC_NRATES; b++)
				for (unsigned s = 0; s < chosen[a][b].nst; s++)
					if (chosen[a][b].fid[s] == (int)i)
						chosen[a][b].state_bytes += 4u * room;
	}
}

int main(int argc, char **argv)
{
	FILE *o;

	if (argc < 2) {
		fprintf(stderr, "usage: %s out.c [plan.md]\n", argv[0]);
		return 2;
	}
	for (unsigned a = 0; a < VR_SRC_NRATES; a++)
		for (unsigned b = 0; b < VR_SRC_NRATES; b++)
			if (plan_pair(a, b)) {
				fprintf(stderr, "srcgen: design failed for %u -> %u\n", rates[a], rates[b]);
				return 1;
			} else if (getenv("SRCGEN_VERBOSE")) {
				fprintf(stderr, "pair %u -> %u planned, %.1f s\n", rates[a], rates[b],
					(double)clock() / CLOCKS_PER_SEC);
			}
	grow_chunks();
	o = fopen(argv[1], "w");
	if (!o || emit(o) || fclose(o)) {
		perror(argv[1]);
		return 1;
	}
	if (argc > 2) {
		o = fopen(argv[2], "w");
		if (!o) {
			perror(argv[2]);
			return 1;
		}
		report(o);
		fprintf(o, "\n");
		report_matrix(o);
		fclose(o);
	}
	return 0;
}
