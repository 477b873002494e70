/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Bare-metal memory hooks: the spans of the page pool and the system heap,
 * and identity cache hooks. Every hook here is weak so a platform with its
 * own idea (a data cache, uncached aliases, spans found at run time) links
 * its own definition instead.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include <vregion/baremetal.h>

#define WEAK __attribute__((weak))

/* Defined by the integrator's linker script, or absent (then address 0). */
extern unsigned char __vregion_pool_start[] WEAK;
extern unsigned char __vregion_pool_end[] WEAK;
extern unsigned char __vregion_sysheap_start[] WEAK;
extern unsigned char __vregion_sysheap_end[] WEAK;

#if VREGION_BM_POOL_BYTES > 0
static _Alignas(8) unsigned char pool_array[VREGION_BM_POOL_BYTES];
#define POOL_ARRAY pool_array
#else
#define POOL_ARRAY NULL
#endif
#if VREGION_BM_SYSHEAP_BYTES > 0
static _Alignas(8) unsigned char sysheap_array[VREGION_BM_SYSHEAP_BYTES];
#define SYSHEAP_ARRAY sysheap_array
#else
#define SYSHEAP_ARRAY NULL
#endif

struct bm_span {
	void *base;
	size_t bytes;
	bool given; /* set by vr_bm_set_*_span() */
	bool taken; /* the core asked for it: too late to change */
};

static struct bm_span page_span;
static struct bm_span sysheap_span;

static int set_span(struct bm_span *s, void *base, size_t bytes)
{
	if (!base || !bytes)
		return -EINVAL;
	if (s->taken)
		return -EBUSY;
	s->base = base;
	s->bytes = bytes;
	s->given = true;
	return 0;
}

/* Pick the span by the precedence documented in baremetal.h. */
static int take_span(struct bm_span *s, unsigned char *sym_lo, unsigned char *sym_hi,
		     unsigned char *array, size_t array_bytes, void **base, size_t *bytes)
{
	uintptr_t lo = (uintptr_t)sym_lo;
	uintptr_t hi = (uintptr_t)sym_hi;
	s->taken = true;
	if (s->given) {
		*base = s->base;
		*bytes = s->bytes;
	} else if (lo != 0 && hi > lo) {
		*base = sym_lo;
		*bytes = hi - lo;
	} else if (array) {
		*base = array;
		*bytes = array_bytes;
	} else {
		return -ENOMEM;
	}
	return 0;
}

int vr_bm_set_page_span(void *base, size_t bytes)
{
	return set_span(&page_span, base, bytes);
}

int vr_bm_set_sysheap_span(void *base, size_t bytes)
{
	return set_span(&sysheap_span, base, bytes);
}

WEAK int vr_platform_page_span(void **base, size_t *bytes)
{
	return take_span(&page_span, __vregion_pool_start, __vregion_pool_end, POOL_ARRAY,
			 VREGION_BM_POOL_BYTES, base, bytes);
}

WEAK int vr_platform_sysheap_span(void **base, size_t *bytes)
{
	return take_span(&sysheap_span, __vregion_sysheap_start, __vregion_sysheap_end,
			 SYSHEAP_ARRAY, VREGION_BM_SYSHEAP_BYTES, base, bytes);
}

/* Without a data cache there is nothing to invalidate and no alias. */
WEAK void vr_dcache_invalidate(void *p, size_t bytes)
{
	(void)p;
	(void)bytes;
}

WEAK void *vr_uncached(void *p)
{
	return p;
}

WEAK void *vr_cached(void *p)
{
	return p;
}
