/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vpage: first-fit runs of pages over one span.
 *
 * Invariants (checked by vpage_check() in the tests):
 *  - map[i] != 0 exactly when page i is the first page of a live allocation,
 *    and then map[i] is its length in pages; every other entry is 0;
 *  - live allocations never overlap and never pass the last page;
 *  - free_pages == total_pages - sum of live lengths.
 * The map is the only record of an allocation, so there is no table of
 * records to overflow or compact (SOF defect V1/V2) and no length limit
 * below 2^32 pages (V5).
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <vregion/platform.h>
#include <vregion/vpage.h>

#include "util.h"

struct vpage_pool {
	uint8_t *base;        /* first allocatable page */
	uint32_t *map;        /* one entry per page, see above */
	size_t total_pages;
	size_t free_pages;
	size_t allocations;
	size_t failures;
	size_t invalid_frees;
	bool ready;
	bool tried;           /* the platform span was asked for already */
};

static struct vpage_pool pool;

/* Lay the map and the pages over [start, start+bytes). Pool lock held. */
static int pool_setup(void *start, size_t bytes)
{
	uintptr_t lo = (uintptr_t)start;
	uintptr_t hi = lo + bytes;
	if (!start || hi < lo)
		return -EINVAL;
	uintptr_t map_lo = vr_align_up(lo, sizeof(uint32_t));
	uintptr_t end = vr_align_down(hi, VREGION_PAGE_SIZE);
	if (map_lo >= end)
		return -EINVAL;
	/* n pages need n map entries placed below the first page. */
	size_t per_page = VREGION_PAGE_SIZE + sizeof(uint32_t);
	size_t n = (end - map_lo) / per_page;
	uintptr_t first = vr_align_up(map_lo + n * sizeof(uint32_t), VREGION_PAGE_SIZE);
	while (n > 0 && first + n * (size_t)VREGION_PAGE_SIZE > end) {
		n--;
		first = vr_align_up(map_lo + n * sizeof(uint32_t), VREGION_PAGE_SIZE);
	}
	if (n < 1)
		return -EINVAL;
	pool.map = (uint32_t *)map_lo;
	pool.base = (uint8_t *)first;
	pool.total_pages = pool.free_pages = n;
	pool.allocations = pool.failures = pool.invalid_frees = 0;
	memset(pool.map, 0, n * sizeof(uint32_t));
	pool.ready = true;
	return 0;
}

/* Set the pool up from the platform's span on first use. Pool lock held. */
static bool pool_ready(void)
{
	if (pool.ready || pool.tried)
		return pool.ready;
	pool.tried = true;
	void *base;
	size_t bytes;
	if (vr_platform_page_span(&base, &bytes) < 0 || pool_setup(base, bytes) < 0) {
		VR_LOG(VR_LOG_ERR, "vpage: the platform gave no usable page span");
		return false;
	}
	return true;
}

int vpage_pool_init(void *base, size_t bytes)
{
	vr_global_lock_take(VR_GLOBAL_LOCK_PAGES);
	int ret = -EBUSY;
	if (!pool.ready || pool.allocations == 0) {
		struct vpage_pool saved = pool;
		ret = pool_setup(base, bytes);
		if (ret < 0)
			pool = saved;
		else
			pool.tried = true;
	}
	vr_global_lock_give(VR_GLOBAL_LOCK_PAGES);
	return ret;
}

/* First page of the lowest free run of @pages, or total_pages if none. */
static size_t find_run(size_t pages)
{
	size_t run = 0;
	size_t i = 0;
	while (i < pool.total_pages) {
		if (pool.map[i]) {
			i += pool.map[i];
			run = 0;
			continue;
		}
		if (++run == pages)
			return i + 1 - pages;
		i++;
	}
	return pool.total_pages;
}

void *vpage_alloc(unsigned int pages)
{
	if (pages == 0)
		return NULL;
	void *ret = NULL;
	vr_global_lock_take(VR_GLOBAL_LOCK_PAGES);
	if (pool_ready() && !VR_FAULT(VR_FAULT_PAGES) && pages <= pool.free_pages) {
		size_t first = find_run(pages);
		if (first < pool.total_pages) {
			pool.map[first] = pages;
			pool.free_pages -= pages;
			pool.allocations++;
			ret = pool.base + first * (size_t)VREGION_PAGE_SIZE;
		}
	}
	if (!ret && pool.ready)
		pool.failures++;
	vr_global_lock_give(VR_GLOBAL_LOCK_PAGES);
	return ret;
}

/* Map index of @ptr if it is the start of a live allocation, else SIZE_MAX. Lock held. */
static size_t live_index(const void *ptr)
{
	uintptr_t p = (uintptr_t)ptr;
	uintptr_t lo = (uintptr_t)pool.base;
	if (!pool.ready || p < lo || (p - lo) % VREGION_PAGE_SIZE)
		return SIZE_MAX;
	size_t idx = (p - lo) / VREGION_PAGE_SIZE;
	if (idx >= pool.total_pages || pool.map[idx] == 0)
		return SIZE_MAX;
	return idx;
}

int vpage_free(void *ptr)
{
	int ret = 0;
	vr_global_lock_take(VR_GLOBAL_LOCK_PAGES);
	size_t idx = live_index(ptr);
	if (idx == SIZE_MAX) {
		pool.invalid_frees++;
		ret = -EINVAL;
	} else {
		pool.free_pages += pool.map[idx];
		pool.map[idx] = 0;
		pool.allocations--;
	}
	vr_global_lock_give(VR_GLOBAL_LOCK_PAGES);
	if (ret)
		VR_LOG(VR_LOG_ERR, "vpage: free of %p, which is not a live page allocation", ptr);
	return ret;
}

size_t vpage_alloc_pages(const void *ptr)
{
	vr_global_lock_take(VR_GLOBAL_LOCK_PAGES);
	size_t idx = live_index(ptr);
	size_t pages = idx == SIZE_MAX ? 0 : pool.map[idx];
	vr_global_lock_give(VR_GLOBAL_LOCK_PAGES);
	return pages;
}

int vpage_stats(struct vpage_stats *st)
{
	if (!st)
		return -EINVAL;
	memset(st, 0, sizeof(*st));
	vr_global_lock_take(VR_GLOBAL_LOCK_PAGES);
	if (pool.ready) {
		st->total_pages = pool.total_pages;
		st->free_pages = pool.free_pages;
		st->allocations = pool.allocations;
		st->failures = pool.failures;
		st->invalid_frees = pool.invalid_frees;
		size_t run = 0;
		for (size_t i = 0; i < pool.total_pages;) {
			if (pool.map[i]) {
				i += pool.map[i];
				run = 0;
				continue;
			}
			if (++run > st->largest_free)
				st->largest_free = run;
			i++;
		}
	}
	vr_global_lock_give(VR_GLOBAL_LOCK_PAGES);
	return 0;
}
