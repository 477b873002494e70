/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vregion: a block of whole pages owned by one pipeline or one DP module,
 * allocated in two phases with no fixed split between them.
 *
 *   created                 vregion_set_interim()                last put
 *      |  LIFETIME: bump from the base   |  INTERIM: O(1) heap over the rest  |
 *      v                                 v                                    v
 *   [ lifetime ->          free         ]   [ lifetime | interim heap       ]  pages back
 *
 * While the owner is being built every allocation is a lifetime one: a bump
 * pointer, freed only with the region (except the most recent block, which a
 * free gives back so a failed init leaks nothing). When the owner is
 * complete, vregion_set_interim() turns everything the lifetime allocator did
 * not use into an interim heap with real free and reuse.
 *
 * The region's metadata (this struct, its lock and the heap's control
 * structure) lives in the system heap, outside the pages, so every byte of
 * an N-page region belongs to its users and a user that overruns a block
 * cannot reach the free lists. Interim block headers are checked before use.
 *
 * References: vregion_create() returns a region holding one reference (the
 * creator's). vregion_get() adds one; vregion_put() drops one, and the last
 * put returns the pages to the pool and frees the metadata, reporting any
 * interim blocks still live through the log hook.
 *
 * Thread safety: every function may be called from several threads at once;
 * each region has its own lock (a platform lock). A region must not be used
 * after the put that destroyed it.
 */
#ifndef VREGION_VREGION_H
#define VREGION_VREGION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vregion/config.h>

#ifdef __cplusplus
extern "C" {
#endif

struct vregion;

/** The region's current allocation mode (SOF's names and values). */
enum vregion_mem_type {
	VREGION_MEM_TYPE_INTERIM = 0,  /**< allocations come from the interim heap */
	VREGION_MEM_TYPE_LIFETIME = 1, /**< allocations bump from the lifetime pointer */
	VREGION_MEM_TYPE_INVALID = 2,  /**< interim requested but too little space left: allocations fail */
};

/** A snapshot of a region's figures; sizes in bytes. */
struct vregion_stats {
	size_t size;                 /**< whole region (pages x page size) */
	size_t lifetime_used;        /**< bytes the lifetime allocator handed out, padding included; kept true after the switch */
	size_t lifetime_frees;       /**< lifetime frees counted (not reclaimed) */
	size_t interim_size;         /**< bytes given to the interim heap (0 before the switch) */
	size_t interim_used;         /**< bytes interim blocks hold now, headers included */
	size_t interim_peak;         /**< high-water mark of interim_used since the switch or the last reset */
	size_t interim_largest_free; /**< largest interim request that would succeed now */
	size_t interim_live_blocks;  /**< count of live interim blocks */
	unsigned int use_count;      /**< references held */
	size_t alloc_failures;       /**< count of allocations that returned NULL (bad arguments excluded) */
	size_t invalid_frees;        /**< count of frees refused with -EINVAL */
	size_t corruptions;          /**< count of corrupted interim headers detected */
	enum vregion_mem_type mode;  /**< current mode */
};

/**
 * Create a region of @p memsize bytes rounded up to whole pages, taken from
 * the default page pool, in LIFETIME mode with one reference.
 * Returns NULL when @p memsize is 0 or overflows when rounded, when the pool
 * has no run that long, or when the metadata cannot be allocated (nothing is
 * left allocated then). Time: that of vpage_alloc(). Thread-safe.
 */
struct vregion *vregion_create(size_t memsize);

/**
 * Switch @p vr to INTERIM: the interim heap takes every byte above the
 * lifetime high mark (rounded up to VREGION_MIN_ALIGN). The lifetime figure
 * stays as it was. A second call changes nothing (warning). If what is left
 * is smaller than vheap's minimum span the mode becomes INVALID: allocations
 * then fail, frees of lifetime blocks still count, and the stats show
 * interim_size 0. NULL is a no-op. Time: O(1). Thread-safe.
 */
void vregion_set_interim(struct vregion *vr);

/** Add a reference to @p vr and return it; NULL gives NULL. O(1), thread-safe. */
struct vregion *vregion_get(struct vregion *vr);

/**
 * Drop one reference. Returns @p vr while references remain; NULL when this
 * was the last one (the region is then destroyed: pages back to the pool,
 * live interim blocks reported with count and bytes) and for NULL.
 * A put on a region whose count is already 0 cannot happen: the region no
 * longer exists. Time: O(1) plus vpage_free(). Thread-safe.
 */
struct vregion *vregion_put(struct vregion *vr);

/**
 * Allocate @p size bytes aligned to max(@p alignment, VREGION_MIN_ALIGN) in
 * the current mode. @p alignment 0 means VREGION_MIN_ALIGN; otherwise it
 * must be a power of two no larger than VREGION_PAGE_SIZE.
 * Returns NULL for a NULL region, size 0, a bad alignment, a size that
 * overflows when rounded, exhaustion (counted in alloc_failures) or INVALID
 * mode. Time: O(1) in both modes. Thread-safe.
 */
void *vregion_alloc_align(struct vregion *vr, size_t size, size_t alignment);

/** vregion_alloc_align(vr, size, 0). */
void *vregion_alloc(struct vregion *vr, size_t size);

/**
 * Allocate @p size bytes rounded up to VREGION_CACHE_LINE, aligned to
 * max(@p alignment, VREGION_CACHE_LINE); the data cache is invalidated over
 * the block and its uncached alias is returned. Same errors as
 * vregion_alloc_align(). Thread-safe.
 */
void *vregion_alloc_coherent_align(struct vregion *vr, size_t size, size_t alignment);

/** vregion_alloc_coherent_align(vr, size, 0). */
void *vregion_alloc_coherent(struct vregion *vr, size_t size);

/**
 * Free @p ptr (cached or uncached alias). An interim block goes back to the
 * heap. The most recent lifetime block gives its bytes back to the bump
 * pointer; any other lifetime block is counted only. A NULL @p ptr is a
 * no-op returning 0.
 * Returns -EINVAL, counted in invalid_frees and logged, with nothing
 * changed, for a pointer this region did not hand out or already took back
 * (outside the region, inside free interim space, interior to a block,
 * beyond the lifetime high mark); -EFAULT when the interim block's header is
 * found corrupted (reported; the block is not reused); -EINVAL for a NULL
 * region. Time: O(1). Thread-safe.
 */
int vregion_free(struct vregion *vr, void *ptr);

/**
 * True when @p ptr (either alias) lies inside @p vr's pages. NULL-safe
 * (false). O(1); needs no lock (the range never changes).
 */
bool vregion_contains(const struct vregion *vr, const void *ptr);

/**
 * Empty the interim heap for a pipeline reset: -EBUSY while interim blocks
 * are live, -EINVAL for NULL or when not in INTERIM mode, else 0 (the heap
 * is re-initialised over the same span and interim_peak restarts).
 * Time: O(1). Thread-safe.
 */
int vregion_reset_interim(struct vregion *vr);

/**
 * As vregion_reset_interim() but drops live interim blocks too. Returns the
 * number of blocks dropped (>= 0, each reported through the log hook as a
 * leak) or -EINVAL for NULL / not INTERIM. Pointers to dropped blocks become
 * dangling: only for owners that know nothing still uses them. Thread-safe.
 */
int vregion_discard_interim(struct vregion *vr);

/**
 * Fill @p st with a consistent snapshot taken under the region's lock.
 * Returns 0, or -EINVAL when either argument is NULL. O(1). Thread-safe.
 */
int vregion_stats(const struct vregion *vr, struct vregion_stats *st);

/** Log the region's figures at info level through vr_log(). NULL-safe. Thread-safe. */
void vregion_info(struct vregion *vr);

/**
 * Report the region's extent: *size = bytes, *start = base (cached alias).
 * Either output may be NULL; a NULL region reports size 0 and start 0.
 * O(1), thread-safe.
 */
void vregion_mem_info(struct vregion *vr, size_t *size, uintptr_t *start);

/** Number of regions alive now (created and not yet destroyed); for leak checks. */
size_t vregion_live_count(void);

#ifdef __cplusplus
}
#endif
#endif /* VREGION_VREGION_H */
