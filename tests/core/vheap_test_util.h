/* SPDX-License-Identifier: BSD-3-Clause */
/* Helpers shared by the vheap tests: metadata pokes that respect poisoning. */
#ifndef VHEAP_TEST_UTIL_H
#define VHEAP_TEST_UTIL_H

#include <stdint.h>

#include <stdbool.h>

#if defined(VREGION_ASAN)
#include <sanitizer/asan_interface.h>
#elif defined(VREGION_VALGRIND)
#include <valgrind/memcheck.h>
#endif

/*
 * XOR @x into the heap metadata byte at @p. vheap keeps its headers, links
 * and footers poisoned (ASan) or no-access (Valgrind): open the 8-byte
 * granule, change the byte, close it again, as a scribbling module would
 * (minus the report).
 */
static inline void meta_xor(unsigned char *p, unsigned char x)
{
#if defined(VREGION_ASAN)
	void *g = (void *)((uintptr_t)p & ~(uintptr_t)7);
	ASAN_UNPOISON_MEMORY_REGION(g, 8);
	*p ^= x;
	ASAN_POISON_MEMORY_REGION(g, 8);
#elif defined(VREGION_VALGRIND)
	VALGRIND_DISABLE_ERROR_REPORTING;
	*p ^= x;
	VALGRIND_ENABLE_ERROR_REPORTING;
#else
	*p ^= x;
#endif
}

/* Read a metadata byte (see meta_xor). */
static inline unsigned char meta_get(const unsigned char *p)
{
#if defined(VREGION_ASAN)
	void *g = (void *)((uintptr_t)p & ~(uintptr_t)7);
	ASAN_UNPOISON_MEMORY_REGION(g, 8);
	unsigned char v = *p;
	ASAN_POISON_MEMORY_REGION(g, 8);
	return v;
#elif defined(VREGION_VALGRIND)
	VALGRIND_DISABLE_ERROR_REPORTING;
	unsigned char v = *p;
	VALGRIND_ENABLE_ERROR_REPORTING;
	return v;
#else
	return *p;
#endif
}

/* True when this build can tell poisoned memory (ASan, or running under Valgrind). */
static inline bool poison_visible(void)
{
#if defined(VREGION_ASAN)
	return true;
#elif defined(VREGION_VALGRIND)
	return RUNNING_ON_VALGRIND != 0;
#else
	return false;
#endif
}

/* True when the byte at @p may be accessed (poison_visible() builds only). */
static inline bool addressable(const void *p)
{
#if defined(VREGION_ASAN)
	return !__asan_address_is_poisoned(p);
#elif defined(VREGION_VALGRIND)
	VALGRIND_DISABLE_ERROR_REPORTING;
	bool ok = VALGRIND_CHECK_MEM_IS_ADDRESSABLE(p, 1) == 0;
	VALGRIND_ENABLE_ERROR_REPORTING;
	return ok;
#else
	(void)p;
	return true;
#endif
}

/* xorshift64*: the tests' own seeded generator. */
static inline uint64_t xs_next(uint64_t *s)
{
	uint64_t x = *s;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545F4914F6CDD1DULL;
}

/* Uniform in [lo, hi] (small ranges; the bias is negligible). */
static inline uint32_t xs_range(uint64_t *s, uint32_t lo, uint32_t hi)
{
	return lo + (uint32_t)((xs_next(s) >> 33) % (uint64_t)(hi - lo + 1u));
}

#endif
