/* SPDX-License-Identifier: BSD-3-Clause */
/* Small helpers shared by the core's files; not part of the public API. */
#ifndef VREGION_CORE_UTIL_H
#define VREGION_CORE_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vregion/platform.h>

static inline bool vr_is_pow2(size_t x)
{
	return x && !(x & (x - 1u));
}

/* Round up to a power-of-two @a; the caller checks for wrap-around. */
static inline uintptr_t vr_align_up(uintptr_t x, size_t a)
{
	return (x + (a - 1u)) & ~(uintptr_t)(a - 1u);
}

static inline uintptr_t vr_align_down(uintptr_t x, size_t a)
{
	return x & ~(uintptr_t)(a - 1u);
}

/* Round @x up to power-of-two @a; false when that overflows. */
static inline bool vr_round_up(size_t x, size_t a, size_t *out)
{
	size_t r = (x + (a - 1u)) & ~(a - 1u);
	if (r < x)
		return false;
	*out = r;
	return true;
}

#if VREGION_FAULT_INJECTION
#define VR_FAULT(site) vr_fault_inject(site)
#else
#define VR_FAULT(site) false
#endif

#endif /* VREGION_CORE_UTIL_H */
