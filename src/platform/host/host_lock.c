/* SPDX-License-Identifier: BSD-3-Clause */
/* Host locks: pthread mutexes in the platform's opaque lock storage. */
#include <errno.h>
#include <pthread.h>

#include <vregion/platform.h>

_Static_assert(sizeof(pthread_mutex_t) <= sizeof(vr_lock_t),
	       "VREGION_LOCK_SIZE is too small for a pthread mutex");

static pthread_mutex_t *as_mutex(vr_lock_t *lock)
{
	return (pthread_mutex_t *)(void *)lock->opaque;
}

int vr_lock_init(vr_lock_t *lock)
{
	return -pthread_mutex_init(as_mutex(lock), NULL);
}

void vr_lock_destroy(vr_lock_t *lock)
{
	pthread_mutex_destroy(as_mutex(lock));
}

void vr_lock_take(vr_lock_t *lock)
{
	pthread_mutex_lock(as_mutex(lock));
}

void vr_lock_give(vr_lock_t *lock)
{
	pthread_mutex_unlock(as_mutex(lock));
}

static pthread_mutex_t global_locks[VR_GLOBAL_LOCK_COUNT] = {
	PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
};

void vr_global_lock_take(enum vr_global_lock which)
{
	pthread_mutex_lock(&global_locks[which]);
}

void vr_global_lock_give(enum vr_global_lock which)
{
	pthread_mutex_unlock(&global_locks[which]);
}
