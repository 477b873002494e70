/* SPDX-License-Identifier: BSD-3-Clause */
/* Test helper: a small seeded PRNG (xorshift64*), the same on every target. */
#ifndef VREGION_TEST_RNG_H
#define VREGION_TEST_RNG_H

#include <stdint.h>

struct test_rng {
	uint64_t s;
};

static inline uint64_t test_rng_next(struct test_rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545F4914F6CDD1DULL;
}

/* Uniform in [lo, hi]. */
static inline uint32_t test_rng_range(struct test_rng *r, uint32_t lo, uint32_t hi)
{
	return lo + (uint32_t)(test_rng_next(r) % ((uint64_t)hi - lo + 1u));
}

#endif
