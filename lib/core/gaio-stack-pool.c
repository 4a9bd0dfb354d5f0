/* gaio-stack-pool.c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 * Copyright 2026 The Gaio authors
 */

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "gaio-error.h"
#include "gaio-stack-pool-private.h"

/* Linux 6.13 added guard regions that live inside a mapping instead of
 * splitting it; older headers lack the constant. */
#ifndef MADV_GUARD_INSTALL
# define MADV_GUARD_INSTALL 102
#endif

#ifndef MAP_STACK
# define MAP_STACK 0
#endif

/* Stacks per slab, and the most memory one slab may reserve: 64 default
 * stacks of 256 KiB fit, bigger stacks get fewer per slab. */
#define SLAB_MAX_STACKS 64
#define SLAB_TARGET_BYTES ((gsize) 64 * 260 * 1024)

/* Where the time of a fiber goes is page faults: a task that parks after a
 * few calls touches one page of its stack, and the first touch of a page
 * costs more than all the rest of spawning and running the task (20 us on
 * a virtual machine where a whole W2f task costs 25). So the pool keeps
 * pages resident wherever it can, and makes them resident in bulk where it
 * cannot:
 *
 * - warm: free stacks left as they are, reused first (at most WARM_STACKS);
 * - topped: free stacks whose top page stays resident while the pages below
 *   it go back to the kernel (one MADV_DONTNEED, cheap when the fiber never
 *   went deep), so reusing one faults nothing (at most TOPPED_BYTES of top
 *   pages, so the memory a pool holds after a peak stays bounded);
 * - trim: beyond that, free stacks whose pages all go back, in batches:
 *   sorted by address, neighbours in a slab make one range (the guard page
 *   between them survives MADV_DONTNEED, be it a guard region or an
 *   mprotect()ed page), so giving back a slab's worth of stacks usually costs
 *   one system call rather than 64;
 * - cold: never used or wholly given back. Handing one out populates its top
 *   page with MADV_POPULATE_WRITE (Linux 5.14+), one system call instead of
 *   a page fault, which costs about four times as much. */
#define WARM_STACKS 16
#define TOPPED_BYTES ((gsize) 512 * 1024 * 1024)
#define TRIM_BATCH 64

#ifndef MADV_POPULATE_WRITE
# define MADV_POPULATE_WRITE 23
#endif

struct _GaioStackSlab
{
  guint8    *map;
  gsize      map_size;
  guint      n_stacks;
  GaioStack  stacks[];
};

typedef struct
{
  gsize      size;
  GaioStack *warm;      /* resident pages, reused first */
  guint      n_warm;
  GaioStack *topped;    /* the top page resident */
  guint      n_topped;  /* including those being trimmed to their top */
  GaioStack *trim[TRIM_BATCH]; /* free, to be given back */
  guint      n_trim;
  GaioStack *cold;      /* untouched or given back */
} SizeClass;

static GMutex pool_lock;
static GArray *classes;         /* of SizeClass; a program uses one or two sizes */
static GaioStackGuardMode guard_mode;
static guint64 max_map_count;   /* the kernel's limit, read once */
static guint64 map_budget;      /* how many mappings slabs may take */
static guint64 slab_mappings;   /* how many they take at most */
static gboolean populate_refused; /* MADV_POPULATE_WRITE is older than the kernel */

/* An error code of our own: the slabs' mapping budget is spent. */
#define ERROR_MAP_BUDGET (-1)

static gsize
page_size (void)
{
  static gsize size;

  if (G_UNLIKELY (size == 0))
    size = (gsize) sysconf (_SC_PAGESIZE);
  return size;
}

/* Rounds @size up to whole pages; returns 0 when that overflows. */
gsize
gaio_stack_round_size (gsize size)
{
  gsize page = page_size ();

  if (size > G_MAXSIZE - page)
    return 0;
  return (size + page - 1) & ~(page - 1);
}

/* Must hold the lock. */
static SizeClass *
size_class_for (gsize size)
{
  SizeClass fresh = { .size = size };

  if (classes == NULL)
    classes = g_array_new (FALSE, FALSE, sizeof (SizeClass));

  for (guint i = 0; i < classes->len; i++)
    {
      SizeClass *klass = &g_array_index (classes, SizeClass, i);
      if (klass->size == size)
        return klass;
    }

  g_array_append_val (classes, fresh);
  return &g_array_index (classes, SizeClass, classes->len - 1);
}

/* Must hold the lock. Decides once how guard pages are made: madvise()
 * guard regions where the kernel has them, unless GAIO_STACK_GUARD=mprotect
 * asks for the fallback (so that it can be tested on new kernels too). */
static GaioStackGuardMode
guard_mode_locked (guint8 *probe)
{
  if (guard_mode == GAIO_STACK_GUARD_UNKNOWN)
    {
      if (g_strcmp0 (g_getenv ("GAIO_STACK_GUARD"), "mprotect") == 0)
        guard_mode = GAIO_STACK_GUARD_MPROTECT;
      else if (madvise (probe, page_size (), MADV_GUARD_INSTALL) == 0)
        guard_mode = GAIO_STACK_GUARD_MADVISE;
      else
        guard_mode = GAIO_STACK_GUARD_MPROTECT;
    }
  return guard_mode;
}

static gboolean
install_guard (guint8 *guard,
               int    *error_code)
{
  gsize page = page_size ();

  if (guard_mode_locked (guard) == GAIO_STACK_GUARD_MADVISE)
    {
      /* Installing a guard twice is harmless, so the probe needs no care. */
      if (madvise (guard, page, MADV_GUARD_INSTALL) == 0)
        return TRUE;
      if (errno != EINVAL)
        {
          *error_code = errno;
          return FALSE;
        }
      /* Guard regions refused after all (a seccomp filter, an emulator). */
      guard_mode = GAIO_STACK_GUARD_MPROTECT;
    }

  if (mprotect (guard, page, PROT_NONE) == 0)
    return TRUE;
  *error_code = errno;
  return FALSE;
}

/* Must hold the lock. Once the process runs out of kernel mappings, any
 * mmap() fails, malloc()'s included, and GLib aborts on those: so slabs
 * stop short of vm.max_map_count and leave an eighth of it (at least 1024)
 * to the rest of the program. */
static gboolean
map_budget_allows (guint64 mappings)
{
  if (max_map_count == 0)
    {
      g_autofree char *text = NULL;
      guint64 headroom;

      max_map_count = 65530;    /* Linux's default */
      if (g_file_get_contents ("/proc/sys/vm/max_map_count", &text, NULL, NULL))
        max_map_count = MAX (g_ascii_strtoull (text, NULL, 10), 1);
      headroom = MAX (max_map_count / 8, 1024);
      map_budget = max_map_count > headroom ? max_map_count - headroom : 0;
    }

  return slab_mappings + mappings <= map_budget;
}

/* Must hold the lock. Maps a slab of @n_stacks stacks of @size bytes and
 * puts them on @klass's cold list. */
static gboolean
slab_new (SizeClass *klass,
          guint      n_stacks,
          int       *error_code)
{
  gsize page = page_size ();
  gsize stride = klass->size + page;
  GaioStackSlab *slab;
  guint64 mappings;
  guint8 *map;

  if (stride > G_MAXSIZE / n_stacks)
    {
      *error_code = ENOMEM;
      return FALSE;
    }

  /* NORESERVE: pages cost nothing until a fiber touches them. */
  map = mmap (NULL, stride * n_stacks, PROT_READ | PROT_WRITE,
              MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  if (map == MAP_FAILED)
    {
      *error_code = errno;
      return FALSE;
    }

  /* A slab is one mapping with guard regions, two per stack with
   * mprotect()ed guards (which split it). */
  mappings = guard_mode_locked (map) == GAIO_STACK_GUARD_MADVISE ? 1 : 2 * (guint64) n_stacks;
  if (!map_budget_allows (mappings))
    {
      munmap (map, stride * n_stacks);
      *error_code = ERROR_MAP_BUDGET;
      return FALSE;
    }

  for (guint i = 0; i < n_stacks; i++)
    {
      if (!install_guard (map + i * stride, error_code))
        {
          munmap (map, stride * n_stacks);
          return FALSE;
        }
    }

  slab_mappings += mappings;
  slab = g_malloc (sizeof (GaioStackSlab) + n_stacks * sizeof (GaioStack));
  slab->map = map;
  slab->map_size = stride * n_stacks;
  slab->n_stacks = n_stacks;

  /* Pushed in reverse so stacks are handed out in address order. */
  for (guint i = n_stacks; i-- > 0; )
    {
      GaioStack *stack = &slab->stacks[i];

      stack->base = map + i * stride + page;
      stack->size = klass->size;
      stack->slab = slab;
      stack->next = klass->cold;
      klass->cold = stack;
    }

  /* Slabs live as long as the process: their stacks stay pooled, so the
   * number of mappings follows the peak number of live fibers. */
  return TRUE;
}

/* Makes the top page of a cold stack resident: the fiber's first frames
 * go there. Best effort: on kernels before 5.14 the fiber faults it in. */
static void
populate_top (GaioStack *stack)
{
  gsize page = page_size ();

  if (g_atomic_int_get (&populate_refused))
    return;
  if (madvise (stack->base + stack->size - page, page, MADV_POPULATE_WRITE) != 0 &&
      errno == EINVAL)
    g_atomic_int_set (&populate_refused, TRUE);
}

/* Hands out a stack of @size bytes (rounded to pages), or sets a
 * GAIO_ERROR_NO_STACK error when none can be had. Thread-safe. */
GaioStack *
gaio_stack_acquire (gsize    size,
                    GError **error)
{
  gsize rounded = gaio_stack_round_size (size);
  GaioStack *stack = NULL;
  SizeClass *klass;
  gboolean cold = FALSE;
  int error_code = ENOMEM;

  if (rounded == 0)
    goto fail;

  g_mutex_lock (&pool_lock);
  klass = size_class_for (rounded);
  if (klass->warm == NULL && klass->topped == NULL && klass->n_trim == 0 && klass->cold == NULL)
    {
      gsize stride = rounded + page_size ();
      guint n_stacks = CLAMP (SLAB_TARGET_BYTES / stride, 1, SLAB_MAX_STACKS);

      /* Near the mapping limit a whole slab (two mappings per stack with
       * mprotect guards) may not fit where a single stack still does. */
      if (!slab_new (klass, n_stacks, &error_code) &&
          (n_stacks == 1 || !slab_new (klass, 1, &error_code)))
        {
          g_mutex_unlock (&pool_lock);
          goto fail;
        }
    }

  if (klass->warm != NULL)
    {
      stack = klass->warm;
      klass->warm = stack->next;
      klass->n_warm--;
    }
  else if (klass->topped != NULL)
    {
      stack = klass->topped;
      klass->topped = stack->next;
      klass->n_topped--;
    }
  else if (klass->n_trim > 0)
    {
      /* Still resident: cheaper than a cold one. */
      stack = klass->trim[--klass->n_trim];
    }
  else
    {
      stack = klass->cold;
      klass->cold = stack->next;
      cold = TRUE;
    }
  g_mutex_unlock (&pool_lock);

  stack->next = NULL;
  if (cold)
    populate_top (stack);
  return stack;

fail:
  if (error_code == ERROR_MAP_BUDGET)
    g_set_error (error, GAIO_ERROR, GAIO_ERROR_NO_STACK,
                 "Could not allocate a fiber stack: the process is close to the kernel's "
                 "limit of %" G_GUINT64_FORMAT " memory mappings (vm.max_map_count), and "
                 "the rest is kept for the program's own allocations",
                 max_map_count);
  else
    g_set_error (error, GAIO_ERROR, GAIO_ERROR_NO_STACK,
                 "Could not allocate a fiber stack of %" G_GSIZE_FORMAT " bytes: %s "
                 "(out of memory, address space or kernel mappings; see vm.max_map_count)",
                 size, g_strerror (error_code));
  return NULL;
}

static int
compare_stacks (gconstpointer a,
                gconstpointer b)
{
  const GaioStack *sa = *(GaioStack * const *) a;
  const GaioStack *sb = *(GaioStack * const *) b;

  return (sa->base > sb->base) - (sa->base < sb->base);
}

/* Gives the pages of @stacks back to the kernel, merging neighbours. */
static void
trim_stacks (GaioStack **stacks,
             guint       n_stacks)
{
  gsize page = page_size ();
  guint8 *start, *end;

  qsort (stacks, n_stacks, sizeof (GaioStack *), compare_stacks);

  start = stacks[0]->base;
  end = start + stacks[0]->size;
  for (guint i = 1; i <= n_stacks; i++)
    {
      if (i < n_stacks && stacks[i]->slab == stacks[i - 1]->slab && stacks[i]->base == end + page)
        {
          end = stacks[i]->base + stacks[i]->size;
          continue;
        }

      madvise (start, end - start, MADV_DONTNEED);
      if (i < n_stacks)
        {
          start = stacks[i]->base;
          end = start + stacks[i]->size;
        }
    }
}

/* Returns @stack to the pool. Thread-safe. */
void
gaio_stack_release (GaioStack *stack)
{
  GaioStack *batch[TRIM_BATCH];
  SizeClass *klass;
  guint n_batch = 0;

  g_mutex_lock (&pool_lock);
  klass = size_class_for (stack->size);
  if (klass->n_warm < WARM_STACKS)
    {
      stack->next = klass->warm;
      klass->warm = stack;
      klass->n_warm++;
    }
  else if (klass->n_topped < TOPPED_BYTES / page_size ())
    {
      klass->n_topped++;
      g_mutex_unlock (&pool_lock);

      /* Outside the lock, as below. */
      madvise (stack->base, stack->size - page_size (), MADV_DONTNEED);

      g_mutex_lock (&pool_lock);
      klass = size_class_for (stack->size);
      stack->next = klass->topped;
      klass->topped = stack;
      g_mutex_unlock (&pool_lock);
      return;
    }
  else
    {
      klass->trim[klass->n_trim++] = stack;
      if (klass->n_trim == TRIM_BATCH)
        {
          n_batch = klass->n_trim;
          memcpy (batch, klass->trim, sizeof batch);
          klass->n_trim = 0;
        }
    }
  g_mutex_unlock (&pool_lock);

  if (n_batch == 0)
    return;

  /* Outside the lock: the system calls free the pages, and the stacks
   * then cost only address space. */
  trim_stacks (batch, n_batch);

  g_mutex_lock (&pool_lock);
  klass = size_class_for (stack->size);     /* the array may have grown */
  for (guint i = 0; i < n_batch; i++)
    {
      batch[i]->next = klass->cold;
      klass->cold = batch[i];
    }
  g_mutex_unlock (&pool_lock);
}

GaioStackGuardMode
gaio_stack_get_guard_mode (void)
{
  GaioStackGuardMode mode;

  g_mutex_lock (&pool_lock);
  mode = guard_mode;
  g_mutex_unlock (&pool_lock);
  return mode;
}
