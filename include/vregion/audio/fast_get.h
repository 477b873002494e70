/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fast-get: a shared cache of read-only tables (filter coefficients...).
 *
 * fast_get(cache, src, size) returns a copy of [src, src+size) that every
 * caller asking for the same source shares, with a reference count;
 * fast_put() drops one reference and the last one frees the copy. A second
 * request for the same source with a different size is refused (NULL).
 *
 * Where the copies live: always in the system heap, which outlives every
 * pipeline. SOF put a shared copy in the first caller's region, so deleting
 * that pipeline left the other users with a dangling pointer (defect F2).
 *
 * Locking: one lock per cache (a vr_lock). It guards the entry list and
 * the reference counts and nothing else: an entry and its copy are one
 * system-heap block made, filled and freed with the cache lock released,
 * so no allocator lock is ever taken under it (SOF took a sleeping region
 * mutex under its fast-get spinlock: defect F1). The number of entries is
 * unbounded (a list, no initial count to outgrow).
 * Lock order: module lock -> cache lock; the cache lock nests nothing.
 *
 * Thread safety: all functions may be called from any thread.
 */
#ifndef VREGION_AUDIO_FAST_GET_H
#define VREGION_AUDIO_FAST_GET_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

struct fast_get_cache;

/** Make an empty cache (system heap). NULL when the system heap is exhausted. */
struct fast_get_cache *fast_get_cache_new(void);

/**
 * Delete @p c. Entries still referenced are dropped (their copies freed)
 * and counted in the return value (>= 0; each is logged as a leak).
 * NULL returns 0. The caller guarantees nobody uses the cache any more.
 */
int fast_get_cache_delete(struct fast_get_cache *c);

/**
 * Return the shared copy of [@p src, @p src + @p size), making it on the
 * first request. Returns NULL for NULL arguments, size 0, a request for a
 * source already cached with another size, or exhaustion (nothing is kept
 * then). Time: O(entries) lookup plus the copy. Thread-safe.
 */
const void *fast_get(struct fast_get_cache *c, const void *src, size_t size);

/**
 * Drop one reference on the copy @p copy; the last frees it. Returns 0, or
 * -ENOENT for a pointer the cache did not hand out (nothing changes),
 * -EINVAL for a NULL cache. NULL @p copy returns 0. Thread-safe.
 */
int fast_put(struct fast_get_cache *c, const void *copy);

/** Figures of a cache. */
struct fast_get_stats {
	size_t entries;      /**< live entries (distinct tables) */
	size_t references;   /**< sum of reference counts */
	size_t bytes;        /**< bytes of live copies */
};

/** Fill @p st. Returns 0, or -EINVAL for NULL arguments. Thread-safe. */
int fast_get_stats(struct fast_get_cache *c, struct fast_get_stats *st);

#ifdef __cplusplus
}
#endif
#endif /* VREGION_AUDIO_FAST_GET_H */
