/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Bare-metal platform layer: what an integrator may configure at run time.
 *
 * The hooks of <vregion/platform.h> are provided by src/platform/baremetal.
 * Memory comes from spans, chosen in this order the first time the core needs
 * them (see docs/baremetal.md):
 *   1. a span given with vr_bm_set_page_span() / vr_bm_set_sysheap_span(),
 *      or for pages vpage_pool_init() directly;
 *   2. linker-script symbols __vregion_pool_start/__vregion_pool_end and
 *      __vregion_sysheap_start/__vregion_sysheap_end, when the image defines them;
 *   3. static arrays of VREGION_BM_POOL_BYTES / VREGION_BM_SYSHEAP_BYTES
 *      (CMake cache variables; 0 leaves the array out).
 * The cache hooks (vr_dcache_invalidate, vr_uncached, vr_cached) and the span
 * hooks are weak: a platform with a data cache or uncached aliases defines
 * its own. Locks are no-ops, interrupt masking (VREGION_BM_LOCK=irqmask) or
 * the integrator's own functions (VREGION_BM_LOCK=external).
 *
 * Thread safety: the setters below are for start-up code, before any other
 * vregion call; they take no lock.
 */
#ifndef VREGION_BAREMETAL_H
#define VREGION_BAREMETAL_H

#include <stdarg.h>
#include <stddef.h>

#include <vregion/platform.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Use [base, base+bytes) for the default page pool. Returns 0; -EINVAL for
 * a NULL base or 0 bytes; -EBUSY once the core has asked for its span (the
 * pool is already set up; use vpage_pool_init() to re-initialise an idle one).
 * Time O(1).
 */
int vr_bm_set_page_span(void *base, size_t bytes);

/**
 * Use [base, base+bytes) for the system heap. Returns 0; -EINVAL for a NULL
 * base or 0 bytes; -EBUSY once the system heap has been set up. Time O(1).
 */
int vr_bm_set_sysheap_span(void *base, size_t bytes);

/**
 * Receives each log line: @p fmt and @p ap as given to vr_log() (printf
 * conversions listed in platform.h, no trailing newline). Called with core
 * locks held, possibly with interrupts masked: it must be short and must not
 * call back into vregion.
 */
typedef void (*vr_bm_log_fn)(enum vr_log_level level, const char *fmt, va_list ap);

/**
 * Send log lines of @p max_level and more severe to @p fn; NULL (the
 * default) drops every line, so the core formats nothing and needs no stdio.
 * Time O(1).
 */
void vr_bm_set_log(vr_bm_log_fn fn, enum vr_log_level max_level);

#ifdef __cplusplus
}
#endif
#endif /* VREGION_BAREMETAL_H */
