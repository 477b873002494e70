/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform hooks: everything the core needs from the system it runs on.
 *
 * The core (vpage, vheap, vregion, alloc_ctx) calls nothing but these
 * functions and memset/memcpy/memmove. A platform layer provides all of them
 * at link time: src/platform/host (pthread mutexes, mmap'ed page span, stderr
 * log) or src/platform/baremetal (integrator spans, no-op or IRQ-mask locks).
 *
 * Unless a hook says otherwise it may be called from several threads at once
 * and must not call back into the core.
 */
#ifndef VREGION_PLATFORM_H
#define VREGION_PLATFORM_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vregion/config.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Storage for one per-object lock; its content belongs to the platform. */
typedef struct vr_lock {
	_Alignas(8) unsigned char opaque[VREGION_LOCK_SIZE];
} vr_lock_t;

/**
 * Prepare @p lock for use. Returns 0 or a negative errno (the object that
 * wanted the lock is then not created). Not thread-safe for the same lock.
 */
int vr_lock_init(vr_lock_t *lock);
/** Release what vr_lock_init() set up. The lock must not be held. */
void vr_lock_destroy(vr_lock_t *lock);
/** Take @p lock; blocks (or masks interrupts) until it is ours. Not recursive. */
void vr_lock_take(vr_lock_t *lock);
/** Give back a lock taken by this thread. */
void vr_lock_give(vr_lock_t *lock);

/** The process-wide locks of the core; statically initialised by the platform. */
enum vr_global_lock {
	VR_GLOBAL_LOCK_PAGES = 0,  /**< the default page pool */
	VR_GLOBAL_LOCK_SYSHEAP,    /**< the system heap */
	VR_GLOBAL_LOCK_COUNT
};
/** Take a global lock. Usable before any init call. */
void vr_global_lock_take(enum vr_global_lock which);
/** Give back a global lock. */
void vr_global_lock_give(enum vr_global_lock which);

/** Log levels, most severe first. */
enum vr_log_level { VR_LOG_ERR = 0, VR_LOG_WARN, VR_LOG_INFO, VR_LOG_DEBUG };
/**
 * Emit one log line (no trailing newline in @p fmt; printf conversions
 * %d %u %ld %lu %zu %p %s %x only). May be a no-op.
 */
void vr_log(enum vr_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/**
 * How the core logs: a call of vr_log(), or - when the build sets
 * VREGION_LOG_ENABLED to 0 - dead code that the compiler drops with its
 * strings (the arguments are never evaluated, but still count as used).
 */
#if VREGION_LOG_ENABLED
#define VR_LOG(level, ...) vr_log((level), __VA_ARGS__)
#else
#define VR_LOG(level, ...) ((void)(0 && (vr_log((level), __VA_ARGS__), 0)))
#endif

/** Invalidate the data cache over [p, p+bytes) (no-op without a cache). */
void vr_dcache_invalidate(void *p, size_t bytes);
/** The uncached alias of cached address @p (identity without aliases). */
void *vr_uncached(void *p);
/** The cached alias of @p, which may already be cached (identity without aliases). */
void *vr_cached(void *p);

/**
 * The span backing the default page pool, asked for once on first use of
 * vpage_alloc() when vpage_pool_init() was not called. Returns 0 and the
 * span, or a negative errno. The host reserves address space here; bare
 * metal returns a linker-script or static span. Called with the page-pool
 * lock held.
 */
int vr_platform_page_span(void **base, size_t *bytes);
/**
 * The span backing the system heap, asked for once on first use. Same rules
 * as vr_platform_page_span(); called with the system-heap lock held.
 */
int vr_platform_sysheap_span(void **base, size_t *bytes);

/** Allocation sites the failure-injection hook can fail. */
enum vr_fault_site {
	VR_FAULT_PAGES = 0,   /**< vpage_alloc */
	VR_FAULT_SYSHEAP,     /**< the system heap */
	VR_FAULT_REGION,      /**< vregion_create and region allocations */
	VR_FAULT_OBJPOOL,     /**< object pool growth (framework) */
	VR_FAULT_THREAD,      /**< thread creation (framework) */
	VR_FAULT_SITE_COUNT
};
/**
 * Asked at every allocation of @p site when VREGION_FAULT_INJECTION is 1:
 * true makes that allocation fail as if out of memory. A platform without a
 * test harness returns false.
 */
bool vr_fault_inject(enum vr_fault_site site);

#ifdef __cplusplus
}
#endif
#endif /* VREGION_PLATFORM_H */
