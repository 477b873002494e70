/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Size probe for scripts/size-report.sh: an image that uses vheap's init,
 * alloc, aligned alloc and free and nothing else, so that --gc-sections
 * leaves exactly the code those four need (the 1.2 KiB budget).
 * Never executed.
 */
#include <stddef.h>
#include <stdint.h>

#include <vregion/vheap.h>

void _start(void);

volatile uintptr_t vr_size_sink;

static struct vheap heap;
static _Alignas(16) unsigned char span[4096];

void _start(void)
{
	vr_size_sink = (uintptr_t)vheap_init(&heap, span, sizeof(span));
	void *a = vheap_alloc(&heap, 40);
	void *b = vheap_alloc_align(&heap, 100, 256);
	vr_size_sink = (uintptr_t)vheap_free(&heap, a);
	vr_size_sink = (uintptr_t)vheap_free(&heap, b);
	for (;;)
		;
}
