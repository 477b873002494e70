/* SPDX-License-Identifier: BSD-3-Clause */
/* Test helper: rebuild a generated SRC filter's prototype from its stored half. */
#ifndef TEST_SRC_PROTO_H
#define TEST_SRC_PROTO_H

#include "src_tables.h"

/* Fill h[0..f->length) with the quantized prototype (Q2.30 scaled to real). */
static inline void src_proto(const struct vr_src_filter *f, double *h)
{
	const double q = 1.0 / 1073741824.0;
	uint32_t N = f->length, T = f->taps, L = f->L;

	switch (f->kind) {
	case VR_SRC_FOLD1:
		for (uint32_t i = 0; i < f->ncoefs; i++)
			h[i] = h[N - 1 - i] = f->coefs[i] * q;
		break;
	case VR_SRC_FOLD2: {
		const int32_t *c1 = f->coefs + (T + 1) / 2;

		for (uint32_t i = 0; i < (T + 1) / 2; i++) /* phase 0: h[2i], T taps */
			h[2 * i] = h[2 * (T - 1 - i)] = f->coefs[i] * q;
		for (uint32_t i = 0; i < T / 2; i++)       /* phase 1: h[2i+1], T-1 taps */
			h[2 * i + 1] = h[2 * (T - 2 - i) + 1] = c1[i] * q;
		break;
	}
	default:
		for (uint32_t p = 0; p < (L + 1) / 2; p++)
			for (uint32_t j = 0; j < T; j++) {
				double v = f->coefs[p * T + j] * q;
				uint32_t i = p + (T - 1 - j) * L;

				h[i] = v;
				h[N - 1 - i] = v;
			}
		break;
	}
}

#endif
