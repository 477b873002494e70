/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The system heap: one process-wide vheap over a platform span, used for
 * everything that is not region memory (region and context metadata, the
 * framework's objects, fast-get's shared copies). The core never calls
 * malloc; this is its only general heap.
 *
 * Thread safety: every function takes the system-heap global lock.
 * Time: alloc and free are O(1) (vheap); the span is set up on first use.
 */
#ifndef VREGION_SYSHEAP_H
#define VREGION_SYSHEAP_H

#include <stdbool.h>
#include <stddef.h>

#include <vregion/vheap.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Allocate @p bytes aligned to @p align (0 means the heap's natural
 * alignment; otherwise a power of two). Returns NULL for 0 bytes, a bad
 * alignment, exhaustion, or an injected failure.
 */
void *sys_heap_alloc(size_t bytes, size_t align);
/** As sys_heap_alloc(), then zero @p bytes. */
void *sys_heap_zalloc(size_t bytes, size_t align);
/**
 * Free a block of the system heap. NULL is a no-op returning 0. Returns
 * -EINVAL for a pointer the heap did not hand out (nothing changes), or
 * -EFAULT when the block's header was found corrupted (the block is leaked,
 * never reused).
 */
int sys_heap_free(void *ptr);
/** True when @p ptr lies inside the system heap's span. */
bool sys_heap_contains(const void *ptr);
/** Fill @p st (zeros before first use). Returns 0, or -EINVAL for NULL. */
int sys_heap_stats(struct vheap_stats *st);
/** Run vheap_validate() on the system heap: 0, or -EFAULT with the problem logged. */
int sys_heap_validate(void);

#ifdef __cplusplus
}
#endif
#endif /* VREGION_SYSHEAP_H */
