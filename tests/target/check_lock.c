/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Lock hooks for the target tests, linked when the build uses
 * VREGION_BM_LOCK=external (scripts/test-cortex-m.sh does): they prove the
 * core pairs its lock calls. Taking a lock already held (a deadlock on a
 * real lock), giving one not held, using one never initialised, or
 * destroying one still held ends the test run with a message and exit
 * status 5. Single-threaded, so no real exclusion is needed.
 */
#include <stdint.h>
#include <string.h>

#include <vregion/platform.h>

#include "semihost.h"

#define MAGIC_FREE 0x4c4f434bu /* initialised, not held */
#define MAGIC_HELD 0x48454c44u /* initialised, held */

_Static_assert(sizeof(uint32_t) <= sizeof(vr_lock_t), "VREGION_LOCK_SIZE below 4");

static uint32_t global_state[VR_GLOBAL_LOCK_COUNT] = {MAGIC_FREE, MAGIC_FREE};

static _Noreturn void lock_error(const char *what)
{
	semihost_write0("\n[  ERROR   ] lock misuse: ");
	semihost_write0(what);
	semihost_write0("\n");
	semihost_exit(5);
}

static uint32_t state_of(const vr_lock_t *lock)
{
	uint32_t s;
	memcpy(&s, lock->opaque, sizeof(s));
	return s;
}

static void set_state(vr_lock_t *lock, uint32_t s)
{
	memcpy(lock->opaque, &s, sizeof(s));
}

int vr_lock_init(vr_lock_t *lock)
{
	set_state(lock, MAGIC_FREE);
	return 0;
}

void vr_lock_destroy(vr_lock_t *lock)
{
	if (state_of(lock) == MAGIC_HELD)
		lock_error("destroying a lock that is held");
	if (state_of(lock) != MAGIC_FREE)
		lock_error("destroying a lock never initialised");
	set_state(lock, 0);
}

void vr_lock_take(vr_lock_t *lock)
{
	if (state_of(lock) == MAGIC_HELD)
		lock_error("taking a lock already held (deadlock)");
	if (state_of(lock) != MAGIC_FREE)
		lock_error("taking a lock never initialised or destroyed");
	set_state(lock, MAGIC_HELD);
}

void vr_lock_give(vr_lock_t *lock)
{
	if (state_of(lock) != MAGIC_HELD)
		lock_error("giving a lock not held");
	set_state(lock, MAGIC_FREE);
}

void vr_global_lock_take(enum vr_global_lock which)
{
	if (global_state[which] == MAGIC_HELD)
		lock_error("taking a global lock already held (deadlock)");
	global_state[which] = MAGIC_HELD;
}

void vr_global_lock_give(enum vr_global_lock which)
{
	if (global_state[which] != MAGIC_HELD)
		lock_error("giving a global lock not held");
	global_state[which] = MAGIC_FREE;
}
