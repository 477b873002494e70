/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The generated SRC filters meet their specs: every designed filter, from its
 * quantized stored table, has stopband attenuation >= its target and passband
 * deviation within its ripple; every pair's cascade keeps the -3 dB point at
 * >= 95 % of the lower Nyquist and meets the memory and structure rules.
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

/* the measured response of every filter, from its stored table */
static struct sg_response *resp;

static int analyze_all(void **state)
{
	(void)state;
	resp = calloc(vr_src_nfilters, sizeof(*resp));
	if (!resp)
		return -1;
	for (uint32_t i = 0; i < vr_src_nfilters; i++) {
		const struct vr_src_filter *f = &vr_src_filters[i];
		double *h = calloc(f->length, sizeof(*h));
		int err;

		if (!h)
			return -1;
		src_proto(f, h);
		err = sg_analyze(h, f->length, f->L * f->gain, f->pass, f->stop, &resp[i]);
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
		src_proto(f, h);
		if (r.stop_db > -f->atten_db || r.pass_dev_db > f->ripple_db)
			fprintf(stderr, "filter %u (L=%u M=%u N=%u): stop %.2f dB ripple %.2e dB\n",
				i, f->L, f->M, f->length, r.stop_db, r.pass_dev_db);
		assert_true(r.stop_db <= -f->atten_db);
		assert_true(r.pass_dev_db <= f->ripple_db);
		/* 0 dB: the phases' mean DC gain is the stage gain, and the headroom
		 * split between the stages multiplies out to exactly 1 */
		{
			double dc = 0.0;

			for (uint32_t k = 0; k < f->length; k++)
				dc += h[k];
			assert_true(fabs(dc / f->L - f->gain) < 1e-7 * f->length);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_filter_meets_spec),
		cmocka_unit_test(test_every_pair_cascade),
	};

	return cmocka_run_group_tests(tests, analyze_all, free_all);
}
