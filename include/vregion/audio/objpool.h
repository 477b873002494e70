/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * objpool: pools of fixed-size slots that grow by doubling blocks.
 *
 * A pool hands out slots of one size (rounded up to 4 bytes) from a list of
 * blocks of 2, 4, 8, 16, 32, 32, ... slots. A block is never given back
 * before objpool_prune(); a freed slot is reused by the next allocation. The
 * first allocation fixes the pool's flags; later ones must ask for the same
 * flags and the same size, else they get NULL (SOF's checks).
 *
 * Blocks come from the pool's allocation context (NULL: the system heap), so
 * a module's bookkeeping lands in its own region while it is being built.
 * Block growth calls vr_fault_inject(VR_FAULT_OBJPOOL).
 *
 * Thread safety: none; the owner serialises (modules use their own lock).
 */
#ifndef VREGION_AUDIO_OBJPOOL_H
#define VREGION_AUDIO_OBJPOOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vregion/alloc_ctx.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Most slots in one block (one bit each in a 32-bit mask). */
#define OBJPOOL_MAX_BLOCK_SLOTS 32u

struct objpool_block;

/** A pool. Initialise with objpool_head_init(); zero-initialised is valid too (system heap). */
struct objpool_head {
	struct objpool_block *first; /**< blocks in allocation order */
	struct objpool_block *last;
	struct mod_alloc_ctx *ctx;   /**< where blocks come from; NULL: the system heap */
	uint32_t flags;              /**< SOF_MEM_FLAG_* fixed by the first allocation */
};

/** Make @p head an empty pool whose blocks come from @p ctx (NULL: system heap). O(1). */
void objpool_head_init(struct objpool_head *head, struct mod_alloc_ctx *ctx);

/**
 * Take a zeroed slot of @p size bytes. Returns NULL for a NULL head, size 0,
 * a size too large for a block, @p flags different from the pool's, @p size
 * different from the pool's slot size, or a failed block growth.
 * Time: O(blocks) (at most 5 + n/32 blocks for n slots).
 */
void *objpool_alloc(struct objpool_head *head, size_t size, uint32_t flags);

/**
 * Give a slot back. NULL returns 0. Returns -EINVAL for a pointer no block
 * contains or one that is not on a slot boundary (nothing changes). A double
 * free of a slot is not detected (as in SOF). O(blocks).
 */
int objpool_free(struct objpool_head *head, void *data);

/** Free every block back to where it came from; the pool keeps its flags. O(blocks). */
void objpool_prune(struct objpool_head *head);

/** Callback: true stops the walk. It may free the slot it is given. */
typedef bool (*objpool_iterate_cb)(void *data, void *arg);

/**
 * Call @p cb on every used slot, block by block, lowest slot first, over a
 * snapshot of each block's mask. Returns 0 when the callback stopped the
 * walk, -ENOENT when the end was reached, -EINVAL for NULL arguments.
 */
int objpool_iterate(struct objpool_head *head, objpool_iterate_cb cb, void *arg);

/** Number of used slots (for tests and stats). O(blocks). */
size_t objpool_used(const struct objpool_head *head);
/** Number of blocks (for tests and stats). O(blocks). */
size_t objpool_blocks(const struct objpool_head *head);

#ifdef __cplusplus
}
#endif
#endif /* VREGION_AUDIO_OBJPOOL_H */
