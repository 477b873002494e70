/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The system heap: a vheap over the platform's span, set up on first use
 * under the system-heap lock. Everything that must outlive a region (region
 * and context metadata, shared tables) comes from here.
 */
#include <errno.h>
#include <string.h>

#include <vregion/platform.h>
#include <vregion/sysheap.h>

#include "util.h"

/*
 * The heap's control block takes the front of the platform's span, sized by
 * the span (vheap_control_size(): 612 bytes for 16 KiB on a 32-bit target)
 * rather than a static struct vheap sized for the largest span (1,696
 * bytes). NULL until the heap is set up.
 */
static struct vheap *heap;
static bool tried;

/* Put the control block at the (aligned) start of [base, base + bytes) and the heap after it. */
static struct vheap *place(void *base, size_t bytes)
{
	uintptr_t a = vr_align_up((uintptr_t)base, _Alignof(struct vheap));
	size_t skip = (size_t)(a - (uintptr_t)base);
	if (!base || skip > bytes)
		return NULL;
	bytes -= skip;
	size_t cb = vr_align_up(vheap_control_size(bytes), _Alignof(struct vheap));
	if (cb > bytes)
		return NULL;
	struct vheap *h = (struct vheap *)a;
	/* The span after the control block is shorter, so cb covers its lists. */
	return vheap_init_sized(h, cb, (unsigned char *)a + cb, bytes - cb) < 0 ? NULL : h;
}

/* Called with the lock held. */
static bool heap_ready(void)
{
	if (heap || tried)
		return heap != NULL;
	tried = true;
	void *base;
	size_t bytes;
	if (vr_platform_sysheap_span(&base, &bytes) < 0 || !(heap = place(base, bytes))) {
		VR_LOG(VR_LOG_ERR, "sysheap: the platform gave no usable span");
		return false;
	}
	return true;
}

void *sys_heap_alloc(size_t bytes, size_t align)
{
	void *p = NULL;
	vr_global_lock_take(VR_GLOBAL_LOCK_SYSHEAP);
	if (heap_ready() && !VR_FAULT(VR_FAULT_SYSHEAP))
		p = vheap_alloc_align(heap, bytes, align);
	vr_global_lock_give(VR_GLOBAL_LOCK_SYSHEAP);
	return p;
}

void *sys_heap_zalloc(size_t bytes, size_t align)
{
	void *p = sys_heap_alloc(bytes, align);
	if (p)
		memset(p, 0, bytes);
	return p;
}

int sys_heap_free(void *ptr)
{
	if (!ptr)
		return 0;
	int ret = -EINVAL;
	vr_global_lock_take(VR_GLOBAL_LOCK_SYSHEAP);
	if (heap)
		ret = vheap_free(heap, ptr);
	vr_global_lock_give(VR_GLOBAL_LOCK_SYSHEAP);
	if (ret == -EINVAL && !heap)
		VR_LOG(VR_LOG_ERR, "sysheap: free of %p before the heap exists", ptr);
	return ret;
}

bool sys_heap_contains(const void *ptr)
{
	vr_global_lock_take(VR_GLOBAL_LOCK_SYSHEAP);
	bool in = heap && vheap_contains(heap, ptr);
	vr_global_lock_give(VR_GLOBAL_LOCK_SYSHEAP);
	return in;
}

int sys_heap_stats(struct vheap_stats *st)
{
	if (!st)
		return -EINVAL;
	memset(st, 0, sizeof(*st));
	vr_global_lock_take(VR_GLOBAL_LOCK_SYSHEAP);
	if (heap)
		vheap_stats(heap, st);
	vr_global_lock_give(VR_GLOBAL_LOCK_SYSHEAP);
	return 0;
}

int sys_heap_validate(void)
{
	vr_global_lock_take(VR_GLOBAL_LOCK_SYSHEAP);
	int ret = heap ? vheap_validate(heap) : 0;
	vr_global_lock_give(VR_GLOBAL_LOCK_SYSHEAP);
	return ret;
}
