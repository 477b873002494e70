/* SPDX-License-Identifier: BSD-3-Clause */
/* objpool: fixed-size slots in doubling blocks (spec 6.3). */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include <vregion/audio/objpool.h>
#include <vregion/platform.h>

struct objpool_block {
	struct objpool_block *next;
	uint32_t n;     /* slots in this block: a power of two <= 32 */
	uint32_t mask;  /* bit set = slot in use */
	size_t size;    /* slot size as asked (the pool's size key) */
	_Alignas(8) unsigned char data[];
};

static size_t slot_stride(size_t size)
{
	return (size + 3u) & ~(size_t)3u;
}

static void *block_slot(struct objpool_block *b, unsigned int bit)
{
	return b->data + (size_t)bit * slot_stride(b->size);
}

void objpool_head_init(struct objpool_head *head, struct mod_alloc_ctx *ctx)
{
	if (!head)
		return;
	head->first = NULL;
	head->last = NULL;
	head->ctx = ctx;
	head->flags = 0;
}

static struct objpool_block *grow(struct objpool_head *head, size_t size, uint32_t flags)
{
	uint32_t n = 2;
	if (head->last) {
		n = head->last->n * 2u;
		if (n > OBJPOOL_MAX_BLOCK_SLOTS)
			n = OBJPOOL_MAX_BLOCK_SLOTS;
	}
	if (vr_fault_inject(VR_FAULT_OBJPOOL))
		return NULL;
	size_t data_bytes = (size_t)n * slot_stride(size);
	struct objpool_block *b = sof_ctx_alloc(head->ctx, flags,
						sizeof(*b) + data_bytes, 0);
	if (!b)
		return NULL;
	memset(b, 0, sizeof(*b) + data_bytes);
	b->n = n;
	b->size = size;
	if (!head->first)
		head->flags = flags;
	if (head->last)
		head->last->next = b;
	else
		head->first = b;
	head->last = b;
	return b;
}

void *objpool_alloc(struct objpool_head *head, size_t size, uint32_t flags)
{
	if (!head || !size)
		return NULL;
	if (slot_stride(size) > (UINT_MAX >> 5) - sizeof(struct objpool_block))
		return NULL;
	if (head->first && flags != head->flags)
		return NULL;
	for (struct objpool_block *b = head->first; b; b = b->next) {
		if (b->size != size)
			return NULL;
		uint32_t full = b->n == 32u ? UINT32_MAX : ((1u << b->n) - 1u);
		uint32_t free_bits = ~b->mask & full;
		if (!free_bits)
			continue;
		unsigned int bit = (unsigned int)__builtin_ctz(free_bits);
		b->mask |= 1u << bit;
		void *slot = block_slot(b, bit);
		memset(slot, 0, slot_stride(size));
		return slot;
	}
	struct objpool_block *b = grow(head, size, flags);
	if (!b)
		return NULL;
	b->mask = 1u;
	return block_slot(b, 0);
}

int objpool_free(struct objpool_head *head, void *data)
{
	if (!data)
		return 0;
	if (!head)
		return -EINVAL;
	uintptr_t p = (uintptr_t)data;
	for (struct objpool_block *b = head->first; b; b = b->next) {
		size_t stride = slot_stride(b->size);
		uintptr_t start = (uintptr_t)b->data;
		if (p < start || p >= start + (size_t)b->n * stride)
			continue;
		if ((p - start) % stride)
			return -EINVAL;
		b->mask &= ~(1u << ((p - start) / stride));
		return 0;
	}
	return -EINVAL;
}

void objpool_prune(struct objpool_head *head)
{
	if (!head)
		return;
	struct objpool_block *b = head->first;
	head->first = NULL;
	head->last = NULL;
	/* Newest first, so a region in lifetime mode can take back its last blocks. */
	struct objpool_block *rev = NULL;
	while (b) {
		struct objpool_block *next = b->next;
		b->next = rev;
		rev = b;
		b = next;
	}
	while (rev) {
		struct objpool_block *next = rev->next;
		sof_ctx_free(head->ctx, rev);
		rev = next;
	}
}

int objpool_iterate(struct objpool_head *head, objpool_iterate_cb cb, void *arg)
{
	if (!head || !cb)
		return -EINVAL;
	for (struct objpool_block *b = head->first; b; b = b->next) {
		uint32_t snap = b->mask;
		while (snap) {
			unsigned int bit = (unsigned int)__builtin_ctz(snap);
			snap &= snap - 1u;
			if (cb(block_slot(b, bit), arg))
				return 0;
		}
	}
	return -ENOENT;
}

size_t objpool_used(const struct objpool_head *head)
{
	size_t n = 0;
	for (const struct objpool_block *b = head ? head->first : NULL; b; b = b->next)
		n += (size_t)__builtin_popcount(b->mask);
	return n;
}

size_t objpool_blocks(const struct objpool_head *head)
{
	size_t n = 0;
	for (const struct objpool_block *b = head ? head->first : NULL; b; b = b->next)
		n++;
	return n;
}
