/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SRC engine behaviour: every one of the 14 x 14 pairs plans, runs and
 * matches a plain double-precision model of its filter cascade; delay lines
 * are used within their exact size (malloc'ed exactly: ASan catches any
 * overrun, SOF defect SRC1); digital silence gives exact zeros; reset then
 * restart reproduces the first run bit for bit (SRC3) with no allocation
 * (SRC2: the engine has no allocator at all); arbitrary call splits give the
 * same output as one call; bad arguments are refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vregion/modules/src_engine.h>

#include "src_proto.h"
#include "src_tables.h"

/* The arithmetic under test (the same file is built against either library). */
static int arith_float(void)
{
	return strcmp(vr_src_arith_name(), "float32") == 0;
}

/*
 * Largest difference from the double model, in full-scale units. Integer:
 * the per-stage rounding to Q1.31 is modelled, so only the Q2.30 products'
 * exact sum vs double remains (4e-9 ~ 8.6 LSB). Float32: the input's
 * rounding to 24 bits and the rounding of every product and partial sum
 * (2^-24 relative each); measured up to about 3e-7 over the 196 pairs.
 */
static double model_tolerance(void)
{
	return arith_float() ? 1.5e-6 : 4e-9;
}

static double worst_model_err; /* printed with SRC_PRINT_VECTORS=1 */

struct eng {
	struct vr_src_plan plan;
	void *mem;
	int32_t *delay;
	struct vr_src *src;
};

static void eng_open(struct eng *e, uint32_t fs_in, uint32_t fs_out, uint32_t nch)
{
	assert_int_equal(vr_src_plan(&e->plan, fs_in, fs_out, nch), 0);
	/* exact sizes: any access past them is an ASan error */
	e->mem = malloc(e->plan.state_bytes);
	e->delay = e->plan.delay_bytes ? malloc(e->plan.delay_bytes) : NULL;
	assert_non_null(e->mem);
	e->src = vr_src_init(e->mem, e->plan.state_bytes, e->delay, e->plan.delay_bytes, NULL,
			     &e->plan);
	assert_non_null(e->src);
}

static void eng_close(struct eng *e)
{
	free(e->mem);
	free(e->delay);
}

/* Run everything through, in pieces of at most `piece` input frames. */
static uint32_t run(struct vr_src *s, const int32_t *in, uint32_t nin, int32_t *out, uint32_t nout,
		    uint32_t nch, uint32_t piece)
{
	uint32_t ic = 0, oc = 0;

	for (;;) {
		uint32_t c, p, n = nin - ic < piece ? nin - ic : piece;
		uint32_t room = nout - oc < piece ? nout - oc : piece;

		assert_int_equal(vr_src_process(s, in + (size_t)ic * nch, n, out + (size_t)oc * nch,
						room, &c, &p), 0);
		ic += c;
		oc += p;
		if (c == 0 && p == 0)
			break;
	}
	assert_int_equal(ic, nin);
	return oc;
}

/* Double model of one stage: y[m] = sum_j h[p + jL] x[n - j], x[<0] = 0. */
static uint32_t model_stage(const struct vr_src_filter *f, const double *x, uint32_t nx, double *y,
			    uint32_t ny_max)
{
	double *h = malloc(f->length * sizeof(*h));
	uint32_t m = 0;

	assert_non_null(h);
	src_proto(f, h);
	for (; m < ny_max; m++) {
		uint64_t t = (uint64_t)m * f->M;
		uint64_t n = t / f->L;
		uint32_t p = (uint32_t)(t % f->L);
		double acc = 0.0;

		if (n >= nx)
			break;
		for (uint64_t j = 0; p + j * f->L < f->length && j <= n; j++)
			acc += h[p + j * f->L] * x[n - j];
		y[m] = acc;
	}
	free(h);
	return m;
}

static int32_t sample(uint32_t i, uint32_t c)
{
	/* a deterministic broadband signal at about -6 dBFS */
	uint32_t v = (i * 2654435761u) ^ (c * 40503u) ^ (i >> 3);

	v ^= v >> 13;
	v *= 0x5bd1e995u;
	v ^= v >> 15;
	return (int32_t)v / 2;
}

static void check_pair(uint32_t a, uint32_t b, uint32_t nch)
{
	const struct vr_src_pair *pr = &vr_src_pairs[a][b];
	uint32_t fs_in = vr_src_rates[a], fs_out = vr_src_rates[b];
	uint32_t nin = 600, nout_max = (uint32_t)((uint64_t)nin * fs_out / fs_in) + 64;
	int32_t *in = malloc((size_t)nin * nch * sizeof(*in));
	int32_t *out = malloc((size_t)nout_max * nch * sizeof(*out));
	double *x = malloc(nin * sizeof(*x)), *y = malloc(32 * (size_t)nout_max * sizeof(*y));
	uint32_t nout, nmod = nin;
	struct eng e;

	assert_true(in && out && x && y);
	eng_open(&e, fs_in, fs_out, nch);
	assert_int_equal(e.plan.nstages, pr->nstages);
	for (uint32_t i = 0; i < nin * nch; i++)
		in[i] = sample(i / nch, i % nch);
	nout = run(e.src, in, nin, out, nout_max, nch, 97);
	assert_true(nout <= vr_src_max_output(e.src, 0) + nout_max);
	for (uint32_t c = 0; c < nch; c++) {
		double *cur = x, *nxt = y;

		for (uint32_t i = 0; i < nin; i++)
			x[i] = in[(size_t)i * nch + c] / 2147483648.0;
		nmod = nin;
		for (uint32_t s = 0; s < pr->nstages; s++) {
			const struct vr_src_filter *f = &vr_src_filters[pr->filter[s]];
			double *tmp = malloc(32 * (size_t)nout_max * sizeof(*tmp));

			assert_non_null(tmp);
			nmod = model_stage(f, cur, nmod, tmp, 32 * nout_max);
			/* the engine scales by its shift, rounds each stage to Q1.31, saturates */
			for (uint32_t i = 0; i < nmod; i++) {
				double v = nearbyint(ldexp(tmp[i], 61 - (int)f->shift));

				tmp[i] = fmax(-2147483648.0, fmin(2147483647.0, v)) / 2147483648.0;
			}
			if (cur != x)
				free(cur);
			cur = tmp;
		}
		if (pr->nstages == 0)
			for (uint32_t i = 0; i < nin; i++)
				y[i] = x[i];
		else {
			memcpy(y, cur, nmod * sizeof(*y));
			if (cur != x)
				free(cur);
		}
		(void)nxt;
		/* the engine produces exactly what its input allows */
		assert_int_equal(nout, nmod);
		for (uint32_t i = 0; i < nout; i++) {
			double err = fabs(out[(size_t)i * nch + c] / 2147483648.0 - y[i]);

			if (err > worst_model_err)
				worst_model_err = err;

			if (err > model_tolerance()) {
				fprintf(stderr, "%u -> %u ch %u: frame %u engine %d model %.0f\n",
					fs_in, fs_out, c, i, out[(size_t)i * nch + c],
					y[i] * 2147483648.0);
				fail();
			}
		}
	}
	eng_close(&e);
	free(in);
	free(out);
	free(x);
	free(y);
}

static void test_all_pairs_match_model(void **state)
{
	(void)state;
	for (uint32_t a = 0; a < VR_SRC_NRATES; a++)
		for (uint32_t b = 0; b < VR_SRC_NRATES; b++)
			check_pair(a, b, 1 + (a + b) % 3);
	if (getenv("SRC_PRINT_VECTORS"))
		printf("%s: largest difference from the model %.3g\n", vr_src_arith_name(),
		       worst_model_err);
}

static void test_silence_gives_exact_zeros(void **state)
{
	int32_t in[257 * 8] = { 0 }, out[1200 * 8];

	(void)state;
	for (uint32_t a = 0; a < VR_SRC_NRATES; a++)
		for (uint32_t b = 0; b < VR_SRC_NRATES; b++) {
			uint32_t nch = 1 + (a * 3 + b) % 8, total = 0;
			struct eng e;

			eng_open(&e, vr_src_rates[a], vr_src_rates[b], nch);
			for (int rep = 0; rep < 8; rep++) {
				uint32_t ic = 0, c, n;

				do { /* the output buffer is reused: check every piece */
					assert_int_equal(vr_src_process(e.src, in + ic * nch, 257 - ic,
									out, 1200, &c, &n), 0);
					for (uint32_t i = 0; i < n * nch; i++)
						assert_int_equal(out[i], 0);
					ic += c;
					total += n;
				} while (ic < 257);
			}
			assert_true(total > 0);
			eng_close(&e);
		}
}

/* A -1 dBFS tone: least-squares fit of sin, cos and DC, THD+N of the rest. */
static double tone_thdn(const int32_t *y, uint32_t n, uint32_t nch, double f, double fs, double *amp)
{
	double m[3][4] = { { 0 } }, c[3];

	for (uint32_t i = 0; i < n; i++) {
		double b[3] = { sin(2 * M_PI * f * i / fs), cos(2 * M_PI * f * i / fs), 1.0 };
		double v = y[(size_t)i * nch] / 2147483648.0;

		for (int r = 0; r < 3; r++) {
			for (int k = 0; k < 3; k++)
				m[r][k] += b[r] * b[k];
			m[r][3] += b[r] * v;
		}
	}
	for (int r = 0; r < 3; r++) /* Gauss-Jordan on the 3x3 normal equations */
		for (int k = 0; k < 3; k++)
			if (k != r) {
				double q = m[k][r] / m[r][r];

				for (int j = 0; j < 4; j++)
					m[k][j] -= q * m[r][j];
			}
	for (int r = 0; r < 3; r++)
		c[r] = m[r][3] / m[r][r];
	{
		double e2 = 0.0;

		for (uint32_t i = 0; i < n; i++) {
			double fit = c[0] * sin(2 * M_PI * f * i / fs) + c[1] * cos(2 * M_PI * f * i / fs) + c[2];
			double d = y[(size_t)i * nch] / 2147483648.0 - fit;

			e2 += d * d;
		}
		*amp = hypot(c[0], c[1]);
		return 10.0 * log10(e2 / n / (*amp * *amp / 2.0));
	}
}

static void test_tone_quality_every_pair(void **state)
{
	(void)state;
	for (uint32_t a = 0; a < VR_SRC_NRATES; a++)
		for (uint32_t b = 0; b < VR_SRC_NRATES; b++) {
			uint32_t fs_in = vr_src_rates[a], fs_out = vr_src_rates[b];
			double lo = fs_in < fs_out ? fs_in : fs_out, f = 0.1 * lo + 3.0, amp, thdn;
			uint32_t nin = fs_in / 5, nout_max = fs_out / 5 + 64, n, skip = fs_out / 25;
			int32_t *in = malloc(nin * 2 * sizeof(*in)), *out = malloc(nout_max * 2 * sizeof(*out));
			struct eng e;

			assert_true(in && out);
			for (uint32_t i = 0; i < nin; i++) /* -1 dBFS; channel 1 is full scale */
				for (uint32_t c = 0; c < 2; c++)
					in[2 * i + c] = (int32_t)lrint((c ? 2147483647.0 : 1913946815.0) *
								       sin(2 * M_PI * f * i / fs_in));
			eng_open(&e, fs_in, fs_out, 2);
			n = run(e.src, in, nin, out, nout_max, 2, 4096);
			assert_true(n > 3 * skip);
			for (uint32_t c = 0; c < 2; c++) {
				thdn = tone_thdn(out + (size_t)skip * 2 + c, n - 2 * skip, 2, f, fs_out, &amp);
				if (thdn > -130.0 || fabs(20 * log10(amp / (c ? 1.0 : 0.891250938))) > 0.01)
					fprintf(stderr, "%u -> %u ch %u: THD+N %.1f dB, gain %.5f dB\n", fs_in,
						fs_out, c, thdn, 20 * log10(amp / (c ? 1.0 : 0.891250938)));
				assert_true(thdn <= -130.0);
				/* gain within the passband ripple target (+-0.01 dB; the
				 * equiripple filters use it, and never exceed 0 dB) */
				assert_true(fabs(20 * log10(amp / (c ? 1.0 : 0.891250938))) <= 0.01);
			}
			eng_close(&e);
			free(in);
			free(out);
		}
}

/* Output of one long run, then stop -> reset -> start: identical output. */
static void test_reset_restart_reproduces(void **state)
{
	static const uint32_t pairs[][2] = { { 44100, 48000 }, { 48000, 44100 }, { 48000, 16000 },
					     { 16000, 48000 }, { 8000, 192000 }, { 192000, 11025 } };

	(void)state;
	for (size_t k = 0; k < sizeof(pairs) / sizeof(pairs[0]); k++) {
		uint32_t nin = 3000, nmax = nin * 25, nch = 3, n1, n2;
		int32_t *in = malloc(nin * nch * sizeof(*in));
		int32_t *o1 = malloc(nmax * nch * sizeof(*o1)), *o2 = malloc(nmax * nch * sizeof(*o2));
		struct eng e;

		assert_true(in && o1 && o2);
		for (uint32_t i = 0; i < nin * nch; i++)
			in[i] = sample(i / nch, i % nch);
		eng_open(&e, pairs[k][0], pairs[k][1], nch);
		n1 = run(e.src, in, nin, o1, nmax, nch, 4096);
		/* stop in the middle of a stream, reset, start again */
		for (int cycle = 0; cycle < 3; cycle++) {
			run(e.src, in, 777, o2, nmax, nch, 4096);
			vr_src_reset(e.src);
			n2 = run(e.src, in, nin, o2, nmax, nch, 61 + 40 * (uint32_t)cycle);
			assert_int_equal(n1, n2);
			assert_memory_equal(o1, o2, (size_t)n1 * nch * sizeof(*o1));
			vr_src_reset(e.src);
		}
		assert_true(n1 > 0);
		eng_close(&e);
		free(in);
		free(o1);
		free(o2);
	}
}

/* Output room of one frame at a time, input one frame at a time: same stream. */
static void test_tiny_calls_same_stream(void **state)
{
	uint32_t nin = 2000, nch = 2, n1, ic = 0, oc = 0;
	int32_t *in = malloc(nin * nch * sizeof(*in)), o1[4000 * 2], o2[4000 * 2];
	struct eng e;

	(void)state;
	assert_non_null(in);
	for (uint32_t i = 0; i < nin * nch; i++)
		in[i] = sample(i / nch, i % nch);
	eng_open(&e, 48000, 44100, nch);
	n1 = run(e.src, in, nin, o1, 4000, nch, 100000);
	vr_src_reset(e.src);
	while (ic < nin) {
		uint32_t c, p;

		assert_int_equal(vr_src_process(e.src, in + ic * nch, 1, o2 + oc * nch, 1, &c, &p), 0);
		ic += c;
		oc += p;
		if (!c) { /* input held back: only output can move */
			assert_int_equal(p, 1);
		}
	}
	for (;;) { /* drain what is buffered */
		uint32_t c, p;

		assert_int_equal(vr_src_process(e.src, NULL, 0, o2 + oc * nch, 1, &c, &p), 0);
		if (!p)
			break;
		oc += p;
	}
	assert_int_equal(oc, n1);
	assert_memory_equal(o1, o2, n1 * nch * sizeof(*o1));
	eng_close(&e);
	free(in);
}

static void test_bad_arguments(void **state)
{
	struct vr_src_plan plan;
	uint64_t mem[512];
	int32_t buf[8];
	uint32_t c = 5, p = 5;
	struct vr_src *s;

	(void)state;
	assert_int_equal(vr_src_plan(&plan, 44100, 47999, 2), -EINVAL);
	assert_int_equal(vr_src_plan(&plan, 0, 48000, 2), -EINVAL);
	assert_int_equal(vr_src_plan(&plan, 44100, 48000, 0), -EINVAL);
	assert_int_equal(vr_src_plan(&plan, 44100, 48000, 9), -EINVAL);
	assert_int_equal(vr_src_plan(NULL, 44100, 48000, 2), -EINVAL);
	assert_int_equal(vr_src_plan(&plan, 44100, 48000, 2), 0);
	assert_true(plan.state_bytes <= sizeof(mem));
	/* too little state or delay memory, misaligned memory, forged plan */
	assert_null(vr_src_init(mem, plan.state_bytes - 1, NULL, 0, NULL, &plan));
	assert_null(vr_src_init(mem, sizeof(mem), NULL, 0, NULL, &plan));
	assert_null(vr_src_init((char *)mem + 4, sizeof(mem) - 4, buf, plan.delay_bytes, NULL, &plan));
	plan.delay_bytes = 4;
	assert_null(vr_src_init(mem, sizeof(mem), buf, sizeof(buf), NULL, &plan));
	assert_int_equal(vr_src_process(NULL, buf, 1, buf, 1, &c, &p), -EINVAL);
	assert_int_equal(c, 0);
	assert_int_equal(p, 0);
	/* identity needs no delay memory and copies */
	assert_int_equal(vr_src_plan(&plan, 48000, 48000, 2), 0);
	assert_int_equal(plan.delay_bytes, 0);
	assert_int_equal(plan.coef_bytes_total, 0);
	s = vr_src_init(mem, sizeof(mem), NULL, 0, NULL, &plan);
	assert_non_null(s);
	assert_int_equal(vr_src_process(s, NULL, 1, buf, 1, &c, &p), -EINVAL);
	assert_int_equal(vr_src_process(s, buf, 1, NULL, 1, &c, &p), -EINVAL);
	for (int i = 0; i < 8; i++)
		buf[i] = i * 1000 - 3;
	assert_int_equal(vr_src_process(s, buf, 4, buf + 4, 2, &c, &p), 0);
	assert_int_equal(c, 2);
	assert_int_equal(p, 2);
}

/* Plans: sizes are the sum of their parts, the tables fit the plan. */
/* Pairs allowed over the memory budgets (see docs/src.md, "Memory"). */
#define SRC_PAIRS_OVER_BUDGET 0

static void test_plan_sizes(void **state)
{
	(void)state;
	for (uint32_t a = 0; a < VR_SRC_NRATES; a++)
		for (uint32_t b = 0; b < VR_SRC_NRATES; b++)
			for (uint32_t nch = 1; nch <= VR_SRC_MAX_CHANNELS; nch++) {
				struct vr_src_plan p;
				size_t per = 0, coef = 0;

				assert_int_equal(vr_src_plan(&p, vr_src_rates[a], vr_src_rates[b], nch), 0);
				for (uint32_t s = 0; s < p.nstages; s++) {
					const struct vr_src_filter *f = &vr_src_filters[p.filter_id[s]];

					per += 4u * (f->hist + f->chunk);
					coef += p.coef_bytes[s];
					if (arith_float()) {
						assert_ptr_equal(p.coef[s], f->fcoefs);
						assert_int_equal(p.coef_bytes[s], 4u * f->nfcoefs);
					} else {
						assert_ptr_equal(p.coef[s], f->coefs);
						assert_int_equal(p.coef_bytes[s], 4u * f->ncoefs);
					}
				}
				assert_int_equal(p.delay_bytes_per_channel, per);
				assert_int_equal(p.delay_bytes, per * nch);
				assert_int_equal(p.coef_bytes_total, coef);
				assert_int_equal(p.nstages == 0, a == b);
				/* the memory targets: 16 KiB of coefficients, 2 KiB of
				 * delay line per channel, unless the pair is flagged */
				if (!vr_src_pairs[a][b].over_budget) {
					assert_true(coef <= 16384u);
					assert_true(per <= 2048u);
				}
			}
}

/* How many pairs miss the memory targets (docs/src.md names them), and no
 * filter below the 125 dB floor of the generator's fallback. */
static void test_budgets(void **state)
{
	unsigned over = 0;

	(void)state;
	for (uint32_t a = 0; a < VR_SRC_NRATES; a++)
		for (uint32_t b = 0; b < VR_SRC_NRATES; b++)
			over += vr_src_pairs[a][b].over_budget;
	print_message("SRC: %u of 182 converting pairs over the memory budgets\n", over);
	assert_true(over <= SRC_PAIRS_OVER_BUDGET);
	for (uint32_t i = 0; i < vr_src_nfilters; i++)
		assert_true(vr_src_filters[i].atten_db >= 125.0);
}

/*
 * Bit-exact regression: 64-bit FNV-1a of the output of a fixed input for a
 * few pairs. Any change to the generator or the kernels changes these; if
 * the change is intended, run this test with SRC_PRINT_VECTORS=1 and paste
 * the printed values here (and say why in the commit): test_src_engine for
 * the float32 kernels, test_src_engine_int for the integer ones.
 */
static uint64_t fnv(const int32_t *v, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ull;

	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < 4; k++) {
			h ^= (uint8_t)((uint32_t)v[i] >> (8 * k));
			h *= 0x100000001b3ull;
		}
	return h;
}

static void test_regression_vectors(void **state)
{
	struct vec {
		uint32_t in, out;
		uint32_t frames;
		uint64_t hash;
	};
	static const struct vec vec_int[] = {
		{ 44100, 48000, 5225, 0xbc036a14fdeea615ull },
		{ 48000, 44100, 4410, 0x0330df16993b1485ull },
		{ 48000, 16000, 1600, 0x455f7f39ce2ec77cull },
		{ 16000, 48000, 14400, 0x97a90f4894de83f8ull },
		{ 8000, 11025, 6615, 0xa0334dcb30624ee4ull },
		{ 192000, 8000, 200, 0x0ac7c3baf0f335c4ull },
		{ 44100, 32000, 3483, 0xba8eccac105baf96ull },
		{ 32000, 11025, 1655, 0xc04a3cd427b5eac3ull },
	};
	/* float32 kernels: the same in the -O0 (ASan) and -O2 builds */
	static const struct vec vec_float[] = {
		{ 44100, 48000, 5225, 0xa1b9f491106136d1ull },
		{ 48000, 44100, 4410, 0x36434d78f73b3880ull },
		{ 48000, 16000, 1600, 0x2a3766ea88d2862eull },
		{ 16000, 48000, 14400, 0x9e2f580707f7627bull },
		{ 8000, 11025, 6615, 0x192c3a532f213d2aull },
		{ 192000, 8000, 200, 0x65c7d2412d481149ull },
		{ 44100, 32000, 3483, 0x62a2e407d0052030ull },
		{ 32000, 11025, 1655, 0xb9bd5dd45dd60dd4ull },
	};
	const struct vec *vec = arith_float() ? vec_float : vec_int;
	size_t nvec = arith_float() ? sizeof(vec_float) / sizeof(vec_float[0])
				    : sizeof(vec_int) / sizeof(vec_int[0]);
	int print = getenv("SRC_PRINT_VECTORS") != NULL;

	(void)state;
	for (size_t k = 0; k < nvec; k++) {
		uint32_t nin = 4800, nmax = nin * 4, nch = 2, n;
		int32_t *in = malloc(nin * nch * sizeof(*in)), *out = malloc(nmax * nch * sizeof(*out));
		struct eng e;
		uint64_t h;

		assert_true(in && out);
		for (uint32_t i = 0; i < nin * nch; i++)
			in[i] = sample(i / nch, i % nch);
		eng_open(&e, vec[k].in, vec[k].out, nch);
		n = run(e.src, in, nin, out, nmax, nch, 480);
		h = fnv(out, (size_t)n * nch);
		if (print)
			printf("\t\t{ %u, %u, %u, 0x%016llxull },\n", vec[k].in, vec[k].out, n,
			       (unsigned long long)h);
		else {
			assert_int_equal(n, vec[k].frames);
			assert_true(h == vec[k].hash);
		}
		eng_close(&e);
		free(in);
		free(out);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_pairs_match_model),
		cmocka_unit_test(test_silence_gives_exact_zeros),
		cmocka_unit_test(test_tone_quality_every_pair),
		cmocka_unit_test(test_reset_restart_reproduces),
		cmocka_unit_test(test_tiny_calls_same_stream),
		cmocka_unit_test(test_bad_arguments),
		cmocka_unit_test(test_plan_sizes),
		cmocka_unit_test(test_budgets),
		cmocka_unit_test(test_regression_vectors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
