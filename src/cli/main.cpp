// mnemo: the command-line program. Parses, sets threads, runs one subcommand, and turns
// every error into one line on stderr and a non-zero exit.
#include <iostream>

#include "cli/commands.h"
#include "mnemo/core/error.h"
#include "mnemo/runtime/runtime_setup.h"
#include "mnemo/runtime/world.h"

int main(int argc, char** argv) {
  mnemo::runtime::ensure_passive_omp_wait(argv);
  mnemo::runtime::configure_allocator();

  CLI::App app{
      "mnemo: memory-augmented transformers (Recurrent Memory Transformer and friends) in C++"};
  app.name("mnemo");
  int threads = 0;
  bool version = false;
  app.add_option("--threads", threads,
                 "libtorch threads (default: the cores this process may use)");
  app.add_flag("--version", version, "print version, libtorch version and thread settings");
  mnemo::cli::Action action;
  mnemo::cli::add_commands(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  mnemo::runtime::configure_threads(threads);
  if (version) {
    std::cout << "mnemo " << MNEMO_VERSION << "\nlibtorch " << mnemo::runtime::libtorch_version()
              << "\n"
              << mnemo::runtime::thread_summary() << "\n";
    return 0;
  }
  if (!action) {
    std::cout << app.help();
    return 0;
  }
  try {
    mnemo::runtime::join_world();  // with torchrun's variables set: connect to the other ranks
    // Rank 0 prints the results; the others' would repeat them. Errors still go to stderr.
    if (!mnemo::runtime::world().leader()) std::cout.rdbuf(nullptr);
    action();
  } catch (const mnemo::Error& e) {
    std::cerr << "mnemo: error: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "mnemo: internal error: " << mnemo::printable(e.what()) << "\n";
    return 2;
  }
  return 0;
}
