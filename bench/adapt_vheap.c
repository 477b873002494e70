/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vheap, the interim heap of a region, behind the benchmark adapter. Its
 * span is one anonymous mapping, page-aligned (so every run places blocks at
 * the same offsets and instruction counts repeat exactly) and pre-faulted
 * (page faults are the OS's cost, not the heap's). The control structure
 * lives outside the span, as in a region.
 */
#include "adapter.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <vregion/vheap.h>

static struct vheap heap;
static void *span;
static size_t span_bytes;

static int v_init(size_t max_live_bytes)
{
	/* Twice the largest possible live set: room for fragmentation, never the limit. */
	span_bytes = max_live_bytes * 2u;
	if (span_bytes > VHEAP_MAX_SPAN)
		span_bytes = VHEAP_MAX_SPAN;
	span = mmap(NULL, span_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (span == MAP_FAILED)
		return -1;
	memset(span, 0, span_bytes);
	return vheap_init(&heap, span, span_bytes) == 0 ? 0 : -1;
}

static void *v_alloc(size_t size)
{
	return vheap_alloc(&heap, size);
}

static void *v_alloc_align(size_t size, size_t align)
{
	return vheap_alloc_align(&heap, size, align);
}

static void v_free(void *p)
{
	if (vheap_free(&heap, p) != 0)
		abort(); /* a refused free would make every figure meaningless */
}

static void v_fini(void)
{
	vheap_fini(&heap);
	munmap(span, span_bytes);
}

const struct bench_adapter bench_adapter = {
	.name = "vheap",
	.init = v_init,
	.alloc = v_alloc,
	.alloc_align = v_alloc_align,
	.free = v_free,
	.fini = v_fini,
	.alloc_fn = (const void *)vheap_alloc,
	.align_fn = (const void *)vheap_alloc_align,
	.free_fn = (const void *)vheap_free,
};
