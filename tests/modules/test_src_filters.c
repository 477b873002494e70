/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The generated SRC filters meet their specs: every designed filter, from its
 * quantized stored table, has stopband attenuation >= its target, passband
 * deviation within its ripple and no gain above the nominal one; every pair's cascade keeps the -3 dB point at
 * >= 95 % of the lower Nyquist and meets the memory and structure rules.
 * The Remez exchange of the generator is checked on its own.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "src_proto.h"
#include "src_tables.h"
#include "srcgen_design.h"

/* Fill h[0..f->length) with the prototype as the float32 table holds it
 * (layout in src_tables.h; values carry the stage's 2^(30 - shift) gain). */
static void src_proto_float(const struct vr_src_filter *f, double *h)
{
	uint32_t N = f->length, T = f->taps, L = f->L;
	double sc = ldexp(1.0, 30 - (int)f->shift);

	switch (f->kind) {
	case VR_SRC_FOLD1:
		for (uint32_t k = 0; k < N; k++)
			h[k] = f->fcoefs[k] / sc;
		break;
	case VR_SRC_FOLD2: /* c0[k] = h[2(T-1-k)], c1[k] = h[2(T-1-k)+1], c1[0] unused */
		for (uint32_t k = 0; k < T; k++) {
			h[2 * (T - 1 - k)] = f->fcoefs[k] / sc;
			if (k > 0)
				h[2 * (T - 1 - k) + 1] = f->fcoefs[T + k] / sc;
		}
		break;
	default:
		for (uint32_t p = 0; p < (L + 1) / 2; p++)
			for (uint32_t j = 0; j < T; j++) {
				double v = f->fcoefs[p * T + j] / sc;
				uint32_t i = p + (T - 1 - j) * L;

				h[i] = v;
				h[N - 1 - i] = v;
			}
		break;
	}
}

/* the measured response of every filter, from its stored tables: Q2.30 in
 * resp, float32 in fresp */
static struct sg_response *resp, *fresp;

static int analyze_all(void **state)
{
	(void)state;
	resp = calloc(vr_src_nfilters, sizeof(*resp));
	fresp = calloc(vr_src_nfilters, sizeof(*fresp));
	if (!resp || !fresp)
		return -1;
	for (uint32_t i = 0; i < vr_src_nfilters; i++) {
		const struct vr_src_filter *f = &vr_src_filters[i];
		double *h = calloc(f->length, sizeof(*h));
		int err = 0;

		if (!h)
			return -1;
		if (f->coefs) {
			src_proto(f, h);
			err |= sg_analyze(h, f->length, f->L * f->gain, f->pass, f->stop, &resp[i]);
		}
		if (f->fcoefs) {
			src_proto_float(f, h);
			err |= sg_analyze(h, f->length, f->L * f->gain, f->pass, f->stop, &fresp[i]);
		}
		if (!f->coefs) /* the cascade checks below use resp */
			resp[i] = fresp[i];
		free(h);
		if (err)
			return -1;
	}
	return 0;
}

static int free_all(void **state)
{
	(void)state;
	free(resp);
	free(fresp);
	return 0;
}

static void test_every_filter_meets_spec(void **state)
{
	(void)state;
	assert_true(vr_src_nfilters > 0);
	for (uint32_t i = 0; i < vr_src_nfilters; i++) {
		const struct vr_src_filter *f = &vr_src_filters[i];
		double *h = calloc(f->length, sizeof(*h));
		struct sg_response r = resp[i];

		assert_non_null(h);
		if (f->coefs)
			src_proto(f, h);
		else
			src_proto_float(f, h);
		if (r.stop_db > -f->atten_db || r.pass_dev_db > f->ripple_db)
			fprintf(stderr, "filter %u (L=%u M=%u N=%u): stop %.2f dB ripple %.2e dB\n",
				i, f->L, f->M, f->length, r.stop_db, r.pass_dev_db);
		assert_true(r.stop_db <= -f->atten_db);
		assert_true(r.pass_dev_db <= f->ripple_db);
		if (f->fcoefs) { /* the float32 table too */
			assert_true(fresp[i].stop_db <= -f->atten_db);
			assert_true(fresp[i].pass_dev_db <= f->ripple_db);
			assert_true(fresp[i].pass_max_db <= 1e-5);
		}
		/* 0 dB: the passband never rises above the stage gain (a full-scale
		 * tone cannot overshoot), and the phases' mean DC gain is the stage
		 * gain within the ripple; the headroom split between the stages
		 * multiplies out to exactly 1 (test_every_pair_cascade) */
		assert_true(r.pass_max_db <= 1e-5);
		/* the images of a passband tone all fold into the output: their
		 * powers together, not only each lobe, within the attenuation */
		assert_true(sg_image_db(h, f->length, f->L, f->L * f->gain, f->pass, f->stop) <=
			    -f->atten_db);
		{
			double dc = 0.0;

			for (uint32_t k = 0; k < f->length; k++)
				dc += h[k];
			assert_true(fabs(20.0 * log10(dc / f->L / f->gain)) <= f->ripple_db);
		}
		free(h);
	}
}

static double stage_f3_hz(uint32_t id, double fs_in)
{
	return resp[id].f3db * fs_in * vr_src_filters[id].L;
}

static void test_every_pair_cascade(void **state)
{
	(void)state;
	for (uint32_t a = 0; a < VR_SRC_NRATES; a++)
		for (uint32_t b = 0; b < VR_SRC_NRATES; b++) {
			const struct vr_src_pair *p = &vr_src_pairs[a][b];
			double fs = vr_src_rates[a];
			double lo = fmin(vr_src_rates[a], vr_src_rates[b]);

			if (a == b) {
				assert_int_equal(p->nstages, 0);
				continue;
			}
			assert_true(p->nstages == 1 || p->nstages == 2);
			for (uint32_t s = 0; s < p->nstages; s++) {
				const struct vr_src_filter *f = &vr_src_filters[p->filter[s]];

				assert_true(p->filter[s] < vr_src_nfilters);
				/* the stage's -3 dB point is past 95 % of the lower Nyquist */
				assert_true(stage_f3_hz(p->filter[s], fs) >= 0.95 * 0.5 * lo);
				/* a decimating stride never skips past the filter */
				assert_true(f->hist + 1 >= (f->M + f->L - 1u) / f->L);
				assert_true(f->chunk >= (f->M + f->L - 1u) / f->L);
				fs = fs * f->L / f->M;
			}
			if (p->nstages == 2) {
				const struct vr_src_filter *f0 = &vr_src_filters[p->filter[0]];
				const struct vr_src_filter *f1 = &vr_src_filters[p->filter[1]];

				assert_true(f0->gain * f1->gain *
					    ldexp(1.0, 60 - (int)f0->shift - (int)f1->shift) == 1.0);
			} else {
				assert_true(vr_src_filters[p->filter[0]].gain == 1.0);
				assert_int_equal(vr_src_filters[p->filter[0]].shift, 30);
			}
			/* the cascade lands exactly on the output rate */
			assert_true(fabs(fs - vr_src_rates[b]) < 1e-6);
		}
}

/* Largest |A(f)| - target over a fine grid of [a, b]. */
static double max_dev(const double *h, unsigned n, double a, double b, double target)
{
	double worst = 0.0;

	for (unsigned i = 0; i <= 20000; i++) {
		double f = a + (b - a) * i / 20000.0, c = (n - 1) / 2.0, amp = 0.0;

		for (unsigned k = 0; k < n; k++)
			amp += h[k] * cos(2.0 * M_PI * f * (k - c));
		worst = fmax(worst, fabs(amp - target));
	}
	return worst;
}

/* The exchange itself: equiripple with the requested weighting, symmetric,
 * both types, a long filter included, and shorter than Kaiser for the same
 * edges and attenuation. */
static void test_remez_equiripple(void **state)
{
	static const struct {
		unsigned n;
		double pass, stop, k;
	} c[] = {
		{ 31, 0.1, 0.2, 1.0 },
		{ 64, 0.2, 0.25, 10.0 },
		{ 369, 0.2325, 0.25, 2300.0 },
		{ 1617, 0.5 * 44100 / (147.0 * 88200), (88200 - 22050) / (147.0 * 88200), 2300.0 },
	};

	(void)state;
	for (unsigned t = 0; t < sizeof(c) / sizeof(c[0]); t++) {
		double *h = calloc(c[t].n, sizeof(*h)), d = 0.0, dp, ds;

		assert_non_null(h);
		assert_int_equal(sg_remez_lowpass(h, c[t].n, c[t].pass, c[t].stop, c[t].k, 1.0, &d), 0);
		for (unsigned i = 0; i < c[t].n; i++)
			assert_true(h[i] == h[c[t].n - 1 - i]);
		dp = max_dev(h, c[t].n, 0.0, c[t].pass, 1.0);
		ds = max_dev(h, c[t].n, c[t].stop, 0.5, 0.0);
		/* the weighted error peaks at delta in both bands (to within what
		 * the exchange's dense grid resolves) */
		assert_true(fabs(dp / d - 1.0) < 5e-2);
		assert_true(fabs(ds * c[t].k / d - 1.0) < 5e-2);
		free(h);
	}
	{
		/* the x2 stage: 140 dB, 0.004 dB peak to peak, about a fifth
		 * shorter than the Kaiser window for the same edges */
		unsigned n = 369, nk = sg_kaiser_length(140.0, 0.25 - 0.2325);
		double *h = calloc(n, sizeof(*h)), d = 0.0;

		assert_non_null(h);
		assert_int_equal(sg_remez_lowpass(h, n, 0.2325, 0.25, 2300.0, 2.0, &d), 0);
		assert_true(20.0 * log10(d / 2300.0 / 2.0) < -140.0);
		assert_true(n < nk * 85 / 100);
		free(h);
	}
	assert_int_equal(sg_remez_lowpass(NULL, 2, 0.1, 0.2, 1.0, 1.0, NULL), -1);
	assert_int_equal(sg_remez_lowpass(NULL, 31, 0.2, 0.1, 1.0, 1.0, NULL), -1);
}

/* The image sum: an equiripple x8 stage has its 7 images of a passband tone
 * each at about the stopband level, so they add up to ~8.5 dB above it; a
 * Kaiser window's lobes decay, so its sum stays near (here: below) its worst
 * lobe, the one at the stopband edge. */
static void test_image_sum(void **state)
{
	unsigned n = 1600;
	double *h = calloc(n, sizeof(*h)), d = 0.0, im;
	struct sg_response r;

	(void)state;
	assert_non_null(h);
	assert_int_equal(sg_remez_lowpass(h, n, 0.465 / 8, 0.5 / 8, 2300.0, 8.0, &d), 0);
	assert_int_equal(sg_analyze(h, n, 8.0, 0.465 / 8, 0.5 / 8, &r), 0);
	im = sg_image_db(h, n, 8, 8.0, 0.465 / 8, 0.5 / 8);
	assert_true(im > r.stop_db + 10.0 * log10(7.0) - 1.5);
	assert_true(im < r.stop_db + 10.0 * log10(7.0) + 0.5);
	sg_kaiser_lowpass(h, n, (0.465 + 0.5) / 16, sg_kaiser_beta(100.0), 8.0);
	assert_int_equal(sg_analyze(h, n, 8.0, 0.465 / 8, 0.5 / 8, &r), 0);
	im = sg_image_db(h, n, 8, 8.0, 0.465 / 8, 0.5 / 8);
	assert_true(im < r.stop_db + 3.0);
	/* one phase: no images */
	assert_true(sg_image_db(h, n, 1, 1.0, 0.465 / 8, 0.5 / 8) <= -400.0);
	free(h);
}

/* A sloped stopband weight: the error falls as stop / f away from the edge
 * (equiripple in the weighted sense), the passband stays equiripple. */
static void test_remez_sloped(void **state)
{
	unsigned n = 201;
	double *h = calloc(n, sizeof(*h)), d = 0.0, edge, far, dp;

	(void)state;
	assert_non_null(h);
	assert_int_equal(sg_remez_lowpass_sloped(h, n, 0.05, 0.08, 100.0, 1.0, 1.0, &d), 0);
	dp = max_dev(h, n, 0.0, 0.05, 1.0);
	edge = max_dev(h, n, 0.08, 0.09, 0.0);
	far = max_dev(h, n, 0.4, 0.5, 0.0);
	assert_true(fabs(dp / d - 1.0) < 5e-2);
	assert_true(fabs(edge * 100.0 / d - 1.0) < 5e-2);
	/* weight 0.4 / 0.08 = 5 times the edge's at least */
	assert_true(far < edge / 4.5);
	assert_true(far > edge / 8.0);
	assert_int_equal(sg_remez_lowpass_sloped(h, n, 0.05, 0.08, 100.0, -1.0, 1.0, &d), -1);
	free(h);
}

/* Largest |A(q / Q) - target| over q / Q in [a, b]: an evaluation
 * independent of the exchange's grid, each angle reduced exactly through the
 * table ct[i] = cos(pi i / Q), i < 2Q. */
static double max_dev_q(const double *h, unsigned n, double a, double b, double target,
			const double *ct, uint64_t q_den)
{
	uint64_t q0 = (uint64_t)ceil(a * (double)q_den), q1 = (uint64_t)floor(b * (double)q_den);
	unsigned half = n / 2, odd = n & 1u;
	double worst = 0.0;

	for (uint64_t q = q0; q <= q1; q++) {
		/* h[half + k] sits k (type I) or k + 1/2 (type II) taps from the
		 * centre: angle 2 pi (q / Q) t / 2 with t = 2k or 2k + 1 */
		double amp = odd ? h[half] : 0.0;

		for (unsigned k = odd; k < half + odd; k++) {
			uint64_t t = odd ? 2u * (uint64_t)k : 2u * (uint64_t)k + 1u;

			amp += 2.0 * h[half + k] * ct[q * t % (2u * q_den)];
		}
		worst = fmax(worst, fabs(amp - target));
	}
	return worst;
}

/* A long narrow-band design (a 256-phase prototype, 16 kHz pass and 48 kHz
 * stop edges at 44.1 kHz per phase) is equiripple on a grid finer than the
 * exchange's and not aligned with it. The exchange's local steps alone settle
 * on a wrong reference for this one (delta 2.4e-11 instead of 6.5e-5, the
 * response nowhere near equiripple), so this fails unless convergence is
 * checked on the full grid. */
static void test_remez_long_narrow(void **state)
{
	const unsigned n = 2611;
	const double pass = 16000.0 / (256.0 * 44100.0), stop = 48000.0 / (256.0 * 44100.0);
	const uint64_t q_den = 131072;
	double *ct = malloc(2u * q_den * sizeof(*ct)), *h = calloc(n, sizeof(*h)), d = 0.0, dp, ds;

	(void)state;
	assert_true(ct && h);
	for (uint64_t i = 0; i < 2u * q_den; i++)
		ct[i] = cos(M_PI * (double)i / (double)q_den);
	assert_int_equal(sg_remez_lowpass(h, n, pass, stop, 2300.0, 1.0, &d), 0);
	dp = max_dev_q(h, n, 0.0, pass, 1.0, ct, q_den);
	ds = max_dev_q(h, n, stop, 0.5, 0.0, ct, q_den);
	/* the continuous peaks exceed the grid's by well under 1 % */
	assert_true(fabs(dp / d - 1.0) < 1e-2);
	assert_true(fabs(ds * 2300.0 / d - 1.0) < 1e-2);
	free(h);
	free(ct);
}

/* |A(f)| / gain of a symmetric h[0..n) by the plain direct sum, one libm cos
 * per tap: the reference for test_analysis_vs_direct. */
static double direct_amp(const double *h, unsigned n, double gain, double f)
{
	double c = (double)(n - 1) / 2.0, a = n & 1u ? h[n / 2] : 0.0;

	for (unsigned i = 0; i < n / 2; i++)
		a += 2.0 * h[i] * cos(2.0 * M_PI * f * ((double)i - c));
	return fabs(a) / gain;
}

/* sg_analyze (real-input FFT, tabulated twiddles, rotation-based amplitude)
 * agrees with a brute-force direct evaluation on a grid 2x finer than its
 * own FFT: the worst stopband lobe (~-150 dB, which the spec checks rely on)
 * within 0.02 dB and the -3 dB point to 1e-9, for a Kaiser and an equiripple
 * design, odd and even lengths (the two split the FFT's even and odd taps). */
static void test_analysis_vs_direct(void **state)
{
	const unsigned L = 2, ns[] = { 601, 600 };
	const double pass = 0.465 / L, stop = 0.5 / L, gain = L;

	(void)state;
	for (unsigned t = 0; t < 4; t++) {
		unsigned n = ns[t & 1u], steps = 32u * n; /* 1/(128 n) apart */
		double *h = calloc(n, sizeof(*h)), d, worst = 0.0, lo = pass, hi = stop;
		struct sg_response r;

		assert_non_null(h);
		if (t < 2)
			sg_kaiser_lowpass(h, n, (pass + stop) / 2.0, sg_kaiser_beta(150.0), gain);
		else
			assert_int_equal(sg_remez_lowpass(h, n, pass, stop, 2300.0, gain, &d), 0);
		assert_int_equal(sg_analyze(h, n, gain, pass, stop, &r), 0);
		for (unsigned k = 0; k <= steps; k++)
			worst = fmax(worst, direct_amp(h, n, gain, stop + (0.5 - stop) * k / steps));
		assert_true(worst < 1e-5);
		assert_true(fabs(r.stop_db - 20.0 * log10(worst)) < 0.02);
		/* the response falls through 1/sqrt(2) once in the transition band */
		for (int it = 0; it < 60; it++) {
			double mid = (lo + hi) / 2.0;

			if (direct_amp(h, n, gain, mid) < M_SQRT1_2)
				hi = mid;
			else
				lo = mid;
		}
		assert_true(fabs(r.f3db - (lo + hi) / 2.0) < 1e-9);
		free(h);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_filter_meets_spec),
		cmocka_unit_test(test_every_pair_cascade),
		cmocka_unit_test(test_remez_equiripple),
		cmocka_unit_test(test_image_sum),
		cmocka_unit_test(test_remez_sloped),
		cmocka_unit_test(test_remez_long_narrow),
		cmocka_unit_test(test_analysis_vs_direct),
	};

	return cmocka_run_group_tests(tests, analyze_all, free_all);
}
