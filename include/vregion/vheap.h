/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vheap: a constant-time heap over one caller-given span of memory.
 *
 * Used as the interim heap of a region and as the system heap. The control
 * structure (struct vheap) lives wherever the caller puts it - a region keeps
 * it outside its pages, so code that can write the region cannot write the
 * free lists. Every block header inside the span carries a check word that
 * is verified before the heap acts on the header, so a user overflow into a
 * header is detected and reported instead of corrupting the heap.
 *
 * Thread safety: none. A vheap is protected by its owner (vregion, system
 * heap) or used from one thread.
 */
#ifndef VREGION_VHEAP_H
#define VREGION_VHEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The helper that implements vheap defines the control structure here. */
struct vheap;

/** Figures a heap reports; every field is in bytes unless it says count. */
struct vheap_stats {
	size_t span;           /**< bytes managed (the span after trimming to alignment) */
	size_t used;           /**< bytes held by live blocks, their headers included */
	size_t peak;           /**< high-water mark of used since init */
	size_t free_bytes;     /**< span - used */
	size_t largest_free;   /**< largest request vheap_alloc() would now satisfy */
	size_t live_blocks;    /**< count of live blocks */
	size_t alloc_failures; /**< count of allocations that returned NULL */
	size_t invalid_frees;  /**< count of frees refused with -EINVAL */
	size_t corruptions;    /**< count of corrupted headers detected */
};

#ifdef __cplusplus
}
#endif
#endif /* VREGION_VHEAP_H */
