/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vpage: contiguous runs of pages from one pool.
 *
 * The pool is a span the platform gives: a static array or linker-script
 * span on bare metal (vpage_pool_init()), or address space the host reserves
 * on first use (vr_platform_page_span()). Runs are found first fit, lowest
 * address first. Each allocation's length is kept in a per-page map inside
 * the pool's own metadata, so there is no table of records that a free can
 * corrupt, and any number of allocations may be live at once.
 *
 * Thread safety: every function takes the page-pool global lock.
 * Time: alloc is O(pages in pool) in the worst case (first-fit scan of the
 * page map); free is O(pages freed); stats are O(1).
 */
#ifndef VREGION_VPAGE_H
#define VREGION_VPAGE_H

#include <stddef.h>
#include <stdint.h>

#include <vregion/config.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Pool figures, in pages. */
struct vpage_stats {
	size_t total_pages;   /**< pages in the pool */
	size_t free_pages;    /**< pages not allocated */
	size_t largest_free;  /**< longest run of free pages (largest vpage_alloc that succeeds) */
	size_t allocations;   /**< count of live allocations */
	size_t failures;      /**< count of vpage_alloc calls that returned NULL */
	size_t invalid_frees; /**< count of vpage_free calls refused */
};

/**
 * Make [base, base+bytes) the default page pool. The start is rounded up and
 * the end down to VREGION_PAGE_SIZE; the pool keeps its page map in the
 * first pages of the span (one byte-pair per page), so a span of N pages
 * serves slightly fewer than N.
 *
 * Returns 0; -EINVAL if @p base is NULL or fewer than 2 pages remain after
 * rounding; -EBUSY if a pool is already set up and has live allocations
 * (re-initialising an idle pool is allowed, for tests and reboots).
 */
int vpage_pool_init(void *base, size_t bytes);

/**
 * Allocate @p pages contiguous pages, page-aligned.
 * Returns the first page, or NULL when @p pages is 0, no free run is long
 * enough, or the pool cannot be set up (no span from the platform).
 * Pages are not cleared.
 */
void *vpage_alloc(unsigned int pages);

/**
 * Free an allocation made by vpage_alloc(). Returns 0, or -EINVAL when @p ptr
 * is NULL, not page-aligned, outside the pool, or not the first page of a
 * live allocation; nothing changes then (the refusal is counted and logged).
 */
int vpage_free(void *ptr);

/** Number of pages of the live allocation starting at @p ptr, 0 if none. */
size_t vpage_alloc_pages(const void *ptr);

/** Fill @p st with the pool's figures (zeros before the pool exists). Returns 0 or -EINVAL for NULL. */
int vpage_stats(struct vpage_stats *st);

#ifdef __cplusplus
}
#endif
#endif /* VREGION_VPAGE_H */
