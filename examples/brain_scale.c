/* SPDX-License-Identifier: GPL-3.0-or-later
 * brain_scale.c: the smallest program that uses liblimen — project the brain-scale workload
 * for three paradigms and print the energies with their units.
 *
 *   cc brain_scale.c $(pkg-config --cflags --libs --static limen) -o brain_scale
 * or, with CMake:  find_package(limen REQUIRED)  target_link_libraries(app limen::limen)  */
#include <limen/limen.h>
#include <stdio.h>

int main(void) {
  limen_error err;
  limen_error_clear(&err);
  limen_gsl_quiet();
  limen_workload w = limen_workload_default(); /* brain-scale: N = 1e15 */
  const char *specs[] = {"landauer-adiabatic", "lim-finite-time", "cim-static"};
  limen_projection out[3];
  if (limen_project(&w, specs, 3, NULL, NULL, out, &err) != LIMEN_OK) {
    fprintf(stderr, "brain_scale: %s\n", err.msg);
    return 1;
  }
  for (int i = 0; i < 3; i++)
    printf("%-20s %.4e J  (%.4g kWh, %.4g x the floor of its own counted work)\n", out[i].name,
           out[i].energy_J, limen_J_to_kWh(out[i].energy_J), out[i].ratio_to_floor);
  return 0;
}
