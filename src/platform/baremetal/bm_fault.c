/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Bare-metal failure injection (the <vregion/fault.h> API): the same
 * counting rules as the host's, with plain variables. Single-threaded use
 * only (tests); interrupts that allocate would race with vr_fault_arm().
 */
#include <vregion/fault.h>

static unsigned int armed_mask;
static unsigned long target;
static unsigned long seen;
static bool fired;

void vr_fault_arm(unsigned int site_mask, unsigned long nth)
{
	seen = 0;
	fired = false;
	target = nth;
	armed_mask = site_mask;
}

unsigned long vr_fault_seen(void)
{
	return seen;
}

bool vr_fault_fired(void)
{
	return fired;
}

bool vr_fault_inject(enum vr_fault_site site)
{
	if (!(armed_mask & VR_FAULT_MASK(site)))
		return false;
	seen++;
	if (seen != target)
		return false;
	fired = true;
	return true;
}
