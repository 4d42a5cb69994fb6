# The MPI launcher for the CLI tests that run limen over ranks (mpi.sh, mpi_runs.sh).  Sourced
# after common.bash, not run: sets $mpirun, or fails and finishes when there is none.
# Open MPI in a container, as root, with more ranks than cores
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_btl_vader_single_copy_mechanism=none
mpirun=$(command -v mpirun || command -v mpiexec || true)
if [ -z "$mpirun" ]; then
  fail "limen is built with MPI but no mpirun is on PATH (Debian: openmpi-bin)"
  finish
fi
