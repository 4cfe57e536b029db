/* relais-test-hooks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "relais-app"

#include "config.h"

#include "relais-test-hooks.h"

#include <adwaita.h>
#include <glib-unix.h>
#include <stdio.h>
#include <sys/resource.h>

/* Time of process start, as near as GLib lets us know it. */
static gint64 started_at;
static gboolean first_frame_done;
static gboolean data_loaded;

static void quit_if_done (void);

gboolean
relais_test_hooks_enabled (void)
{
  const char *env = g_getenv ("RELAIS_TEST_HOOKS");

  return env != NULL && env[0] != '\0' && !g_str_equal (env, "0");
}

static const char *
widget_text (GtkWidget *widget)
{
  /* A label as written (mnemonics kept: the tests click "_Save"), but a
   * markup label without one (a toast's title, a row's subtitle) as a
   * person reads it: "Caron & Roux", not "Caron &amp; Roux". */
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_use_markup (GTK_LABEL (widget)) && !gtk_label_get_use_underline (GTK_LABEL (widget))
           ? gtk_label_get_text (GTK_LABEL (widget))
           : gtk_label_get_label (GTK_LABEL (widget));
  if (GTK_IS_EDITABLE (widget))
    return gtk_editable_get_text (GTK_EDITABLE (widget));
  if (GTK_IS_BUTTON (widget))
    return gtk_button_get_label (GTK_BUTTON (widget));
  if (GTK_IS_WINDOW (widget))
    return gtk_window_get_title (GTK_WINDOW (widget));
  if (ADW_IS_STATUS_PAGE (widget))
    return adw_status_page_get_title (ADW_STATUS_PAGE (widget));
  return NULL;
}

/* Keeps UTF-8 as it is; escapes what would break the one-line format. */
static char *
escape (const char *s)
{
  GString *out = g_string_new (NULL);

  for (; *s != '\0'; s++)
    {
      if (*s == '\n')
        g_string_append (out, "\\n");
      else if (*s == '"' || *s == '\\')
        g_string_append_printf (out, "\\%c", *s);
      else
        g_string_append_c (out, *s);
    }

  return g_string_free (out, FALSE);
}

/* The offset of @root's surface within the toplevel's surface: the offsets
 * handed down already include it, less the root's own shadow transform. */
static double
sx_surface (GtkWidget *root,
            double     sx)
{
  double tx = 0, ty = 0;

  gtk_native_get_surface_transform (GTK_NATIVE (root), &tx, &ty);
  return sx - tx;
}

static double
sy_surface (GtkWidget *root,
            double     sy)
{
  double tx = 0, ty = 0;

  gtk_native_get_surface_transform (GTK_NATIVE (root), &tx, &ty);
  return sy - ty;
}

static void dump_widget (GtkWidget *widget,
                         GtkWidget *root,
                         double     sx,
                         double     sy,
                         int        depth);

/* x and y are in the toplevel's surface (X window) coordinates, so that a test
 * can feed them to `xdotool mousemove --window WID X Y` as they are. */
static void
dump_widget (GtkWidget *widget,
             GtkWidget *root,
             double     sx,
             double     sy,
             int        depth)
{
  g_autoptr(GEnumClass) roles = g_type_class_ref (GTK_TYPE_ACCESSIBLE_ROLE);
  GEnumValue *role = g_enum_get_value (roles, gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)));
  GtkStateFlags flags = gtk_widget_get_state_flags (widget);
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));
  const char *text = widget_text (widget);
  g_autofree char *escaped = text ? escape (text) : NULL;
  graphene_rect_t r;

  if (!gtk_widget_compute_bounds (widget, root, &r))
    graphene_rect_init (&r, -1, -1, 0, 0);

  printf ("%*s%s role=%s%s%s%s%s%s x=%d y=%d w=%d h=%d%s%s%s%s%s\n",
          depth * 2, "", G_OBJECT_TYPE_NAME (widget), role ? role->value_nick : "?",
          id ? " id=" : "", id ? id : "",
          text ? " text=\"" : "", text ? escaped : "", text ? "\"" : "",
          (int) (r.origin.x + sx), (int) (r.origin.y + sy),
          (int) r.size.width, (int) r.size.height,
          gtk_widget_get_mapped (widget) ? "" : " unmapped",
          gtk_widget_is_sensitive (widget) ? "" : " insensitive",
          gtk_widget_has_focus (widget) ? " focus" : "",
          (flags & GTK_STATE_FLAG_SELECTED) ? " selected" : "",
          (flags & GTK_STATE_FLAG_CHECKED) ? " checked" : "");

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;

      /* A popover is a surface of its own, placed relative to its parent's
       * surface: its widgets are measured in it, then moved by its position. */
      if (GTK_IS_POPOVER (child) && gtk_widget_get_mapped (child))
        {
          GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (child));
          double px = 0, py = 0;

          gtk_native_get_surface_transform (GTK_NATIVE (child), &px, &py);
          px += gdk_popup_get_position_x (GDK_POPUP (surface)) + sx_surface (root, sx);
          py += gdk_popup_get_position_y (GDK_POPUP (surface)) + sy_surface (root, sy);
          dump_widget (child, child, px, py, depth + 1);
          continue;
        }

      dump_widget (child, root, sx, sy, depth + 1);
    }
}

static gboolean
dump_all_cb (gpointer user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      double sx = 0, sy = 0;

      if (!gtk_widget_get_mapped (window))
        continue;

      /* The tree's offset inside the surface: the client-side shadow and border. */
      gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
      dump_widget (window, window, sx, sy, 0);
    }

  printf ("END-DUMP\n");
  fflush (stdout);
  return G_SOURCE_CONTINUE;
}

void
relais_test_hooks_install (void)
{
  started_at = g_get_monotonic_time ();
  if (!relais_test_hooks_enabled ())
    return;

  g_unix_signal_add (SIGUSR1, dump_all_cb, NULL);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  printf ("FIRST-FRAME %.1f\n", (g_get_monotonic_time () - started_at) / 1000.0);
  fflush (stdout);
  first_frame_done = TRUE;
  quit_if_done ();
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, user_data);
}

static void
window_realize_cb (GtkWidget *widget,
                   gpointer   user_data)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  g_signal_handlers_disconnect_by_func (widget, window_realize_cb, user_data);
}

/* Reports the first painted frame of @window (the benchmark and UI tests wait for it). */
void
relais_test_hooks_watch_window (GtkWindow *window)
{
  if (!relais_test_hooks_enabled () && g_getenv ("RELAIS_REPORT_FIRST_FRAME") == NULL)
    return;

  /* RELAIS_TEST_DIRECTION=rtl lays the window out right to left. A locale
   * alone does not while Relais has no right-to-left translation: GLib then
   * keeps GTK's own strings untranslated, "default:LTR" among them. */
  if (relais_test_hooks_enabled () && g_strcmp0 (g_getenv ("RELAIS_TEST_DIRECTION"), "rtl") == 0)
    gtk_widget_set_default_direction (GTK_TEXT_DIR_RTL);
  g_signal_connect (window, "realize", G_CALLBACK (window_realize_cb), NULL);
}

/* With RELAIS_QUIT_AFTER_LOAD (relais-bench), the app quits once its first frame
 * is painted and @loaded says the data is in. */
void
relais_test_hooks_maybe_quit (gboolean loaded)
{
  data_loaded = loaded;
  quit_if_done ();
}

static void
quit_if_done (void)
{
  if (!data_loaded || !first_frame_done || g_getenv ("RELAIS_QUIT_AFTER_LOAD") == NULL)
    return;

  {
    struct rusage usage;

    getrusage (RUSAGE_SELF, &usage);
    printf ("LOADED %.1f\n", (g_get_monotonic_time () - started_at) / 1000.0);
    printf ("PEAK-RSS-KB %ld\n", usage.ru_maxrss);
    fflush (stdout);
  }
  g_application_quit (g_application_get_default ());
}
