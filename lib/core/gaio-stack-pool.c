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
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#ifdef HAVE_VALGRIND
# include <valgrind/valgrind.h>
#endif

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
 * a virtual machine where a whole W2f task costs 25), and so does a system
 * call per stack. So the pool keeps pages resident wherever it can, and
 * calls the kernel for many stacks at once (see advise_ranges()):
 *
 * - warm: free stacks left as they are, reused first (at most WARM_STACKS);
 * - topped: free stacks whose top page is resident and the pages below it
 *   are not, so reusing one faults nothing. A new slab's stacks start so
 *   (their top pages populated with MADV_POPULATE_WRITE, Linux 5.14+); a
 *   released stack beyond the warm ones gets so in a batch (one
 *   MADV_DONTNEED below the top, cheap when the fiber never went deep).
 *   At most TOPPED_BYTES of top pages are kept, so the memory a pool holds
 *   after a peak stays bounded;
 * - trim: beyond that, free stacks whose pages all go back, in batches:
 *   sorted by address, neighbours in a slab make one range (the guard page
 *   between them survives MADV_DONTNEED, be it a guard region or an
 *   mprotect()ed page);
 * - cold: wholly given back (or a slab made past the topped limit). Handing
 *   one out populates its top page, cheaper than the fault it saves.
 *
 * Stacks waiting in a batch are still resident, and handed out before the
 * topped and cold ones. */
#define WARM_STACKS 16
#define TOPPED_BYTES ((gsize) 512 * 1024 * 1024)
#define TRIM_BATCH 64

#ifndef MADV_POPULATE_WRITE
# define MADV_POPULATE_WRITE 23
#endif

/* process_madvise() on the calling process itself, with any advice: Linux
 * 6.14 (PIDFD_SELF). */
#define PIDFD_SELF_THREAD (-10000)

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
  guint      n_topped;
  GaioStack *topping[TRIM_BATCH]; /* free, to be made topped */
  guint      n_topping;
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
static gint populate_refused;   /* atomic: MADV_POPULATE_WRITE is newer than the kernel */
static gint batch_refused;      /* atomic: so is process_madvise() on ourselves */

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

/* Gives @advice for every range, in one system call where the kernel can
 * (process_madvise() on ourselves, Linux 6.14), else one madvise() each.
 * Returns 0, or the errno of a range that failed. */
static int
advise_ranges (struct iovec *ranges,
               guint         n_ranges,
               int           advice)
{
  int error_code = 0;

#ifdef SYS_process_madvise
# ifdef HAVE_VALGRIND
  /* Valgrind does not know the call, and says so. */
  if (RUNNING_ON_VALGRIND)
    g_atomic_int_set (&batch_refused, TRUE);
# endif
  if (n_ranges > 1 && !g_atomic_int_get (&batch_refused))
    {
      gsize total = 0;
      long done;

      for (guint i = 0; i < n_ranges; i++)
        total += ranges[i].iov_len;
      done = syscall (SYS_process_madvise, PIDFD_SELF_THREAD, ranges, (size_t) n_ranges, advice, 0u);
      if (done >= 0 && (gsize) done == total)
        return 0;
      /* An older kernel, or a sandbox: one call per range from now on.
       * Otherwise (a partial failure) the calls below say what failed;
       * every advice used here may be given twice. */
      if (done < 0 && (errno == EBADF || errno == ENOSYS || errno == EPERM))
        g_atomic_int_set (&batch_refused, TRUE);
    }
#endif

  for (guint i = 0; i < n_ranges; i++)
    {
      if (madvise (ranges[i].iov_base, ranges[i].iov_len, advice) != 0)
        error_code = errno;
    }
  return error_code;
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

/* Must hold the lock. Installs the guard page below each of @n_stacks
 * stacks laid @stride bytes apart from @map: guard regions in one call
 * where the kernel takes them so. */
static gboolean
install_guards (guint8 *map,
                gsize   stride,
                guint   n_stacks,
                int    *error_code)
{
  struct iovec guards[SLAB_MAX_STACKS];

  /* The first one decides how guards are made. */
  if (!install_guard (map, error_code))
    return FALSE;

  if (guard_mode == GAIO_STACK_GUARD_MADVISE && n_stacks > 1)
    {
      for (guint i = 1; i < n_stacks; i++)
        {
          guards[i - 1].iov_base = map + i * stride;
          guards[i - 1].iov_len = page_size ();
        }
      if (advise_ranges (guards, n_stacks - 1, MADV_GUARD_INSTALL) == 0)
        return TRUE;
    }

  for (guint i = 1; i < n_stacks; i++)
    {
      if (!install_guard (map + i * stride, error_code))
        return FALSE;
    }
  return TRUE;
}

/* Makes the top page of each stack of @slab resident, where the fibers'
 * first frames go. Returns FALSE when the kernel could not. */
static gboolean
populate_tops (GaioStackSlab *slab)
{
  struct iovec tops[SLAB_MAX_STACKS];
  gsize page = page_size ();
  int error_code;

  if (g_atomic_int_get (&populate_refused))
    return FALSE;

  for (guint i = 0; i < slab->n_stacks; i++)
    {
      tops[i].iov_base = slab->stacks[i].base + slab->stacks[i].size - page;
      tops[i].iov_len = page;
    }
  error_code = advise_ranges (tops, slab->n_stacks, MADV_POPULATE_WRITE);
  if (error_code == EINVAL)
    g_atomic_int_set (&populate_refused, TRUE);
  return error_code == 0;
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
  gboolean topped;
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

  if (!install_guards (map, stride, n_stacks, error_code))
    {
      munmap (map, stride * n_stacks);
      return FALSE;
    }

  slab_mappings += mappings;
  slab = g_malloc (sizeof (GaioStackSlab) + n_stacks * sizeof (GaioStack));
  slab->map = map;
  slab->map_size = stride * n_stacks;
  slab->n_stacks = n_stacks;

  for (guint i = 0; i < n_stacks; i++)
    {
      slab->stacks[i].base = map + i * stride + page;
      slab->stacks[i].size = klass->size;
      slab->stacks[i].slab = slab;
    }
  topped = klass->n_topped + n_stacks <= TOPPED_BYTES / page && populate_tops (slab);

  /* Pushed in reverse so stacks are handed out in address order. */
  for (guint i = n_stacks; i-- > 0; )
    {
      GaioStack *stack = &slab->stacks[i];

      if (topped)
        {
          stack->next = klass->topped;
          klass->topped = stack;
          klass->n_topped++;
        }
      else
        {
          stack->next = klass->cold;
          klass->cold = stack;
        }
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
  if (klass->warm == NULL && klass->n_topping == 0 && klass->n_trim == 0 &&
      klass->topped == NULL && klass->cold == NULL)
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
  else if (klass->n_topping > 0)
    {
      /* Still resident: cheaper than the rest. */
      stack = klass->topping[--klass->n_topping];
    }
  else if (klass->n_trim > 0)
    {
      stack = klass->trim[--klass->n_trim];
    }
  else if (klass->topped != NULL)
    {
      stack = klass->topped;
      klass->topped = stack->next;
      klass->n_topped--;
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
  struct iovec ranges[TRIM_BATCH];
  gsize page = page_size ();
  guint n_ranges = 0;
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

      ranges[n_ranges].iov_base = start;
      ranges[n_ranges].iov_len = end - start;
      n_ranges++;
      if (i < n_stacks)
        {
          start = stacks[i]->base;
          end = start + stacks[i]->size;
        }
    }
  advise_ranges (ranges, n_ranges, MADV_DONTNEED);
}

/* Gives back the pages of @stacks below their top page. */
static void
trim_to_top (GaioStack **stacks,
             guint       n_stacks)
{
  struct iovec ranges[TRIM_BATCH];
  gsize page = page_size ();

  for (guint i = 0; i < n_stacks; i++)
    {
      ranges[i].iov_base = stacks[i]->base;
      ranges[i].iov_len = stacks[i]->size - page;
    }
  advise_ranges (ranges, n_stacks, MADV_DONTNEED);
}

/* Must hold the lock. Adds @stack to @batch; when that fills, moves it to
 * @out and returns how many stacks it held. */
static guint
batch_add (GaioStack  *stack,
           GaioStack **batch,
           guint      *n_batch,
           GaioStack **out)
{
  batch[(*n_batch)++] = stack;
  if (*n_batch < TRIM_BATCH)
    return 0;

  memcpy (out, batch, TRIM_BATCH * sizeof (GaioStack *));
  *n_batch = 0;
  return TRIM_BATCH;
}

/* Returns @stack to the pool. Thread-safe. */
void
gaio_stack_release (GaioStack *stack)
{
  GaioStack *batch[TRIM_BATCH];
  SizeClass *klass;
  gboolean to_top = FALSE;
  guint n_batch = 0;

  g_mutex_lock (&pool_lock);
  klass = size_class_for (stack->size);
  if (klass->n_warm < WARM_STACKS)
    {
      stack->next = klass->warm;
      klass->warm = stack;
      klass->n_warm++;
    }
  else if (klass->n_topped + klass->n_topping < TOPPED_BYTES / page_size ())
    {
      to_top = TRUE;
      n_batch = batch_add (stack, klass->topping, &klass->n_topping, batch);
    }
  else
    {
      n_batch = batch_add (stack, klass->trim, &klass->n_trim, batch);
    }
  g_mutex_unlock (&pool_lock);

  if (n_batch == 0)
    return;

  /* Outside the lock: the system calls free the pages, and the stacks
   * then cost only address space (and their top page, when topped). */
  if (to_top)
    trim_to_top (batch, n_batch);
  else
    trim_stacks (batch, n_batch);

  g_mutex_lock (&pool_lock);
  klass = size_class_for (stack->size);     /* the array may have grown */
  for (guint i = 0; i < n_batch; i++)
    {
      if (to_top)
        {
          batch[i]->next = klass->topped;
          klass->topped = batch[i];
          klass->n_topped++;
        }
      else
        {
          batch[i]->next = klass->cold;
          klass->cold = batch[i];
        }
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
