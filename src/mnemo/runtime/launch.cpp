#include "mnemo/runtime/launch.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <thread>

#include "mnemo/core/error.h"
#include "mnemo/runtime/runtime_setup.h"

namespace mnemo::runtime {
namespace {

// One output stream of one rank: its pipe and the part of a line not yet relayed.
struct Stream {
  int fd = -1;
  int rank = 0;
  std::ostream* to = nullptr;
  std::string pending;

  void relay(const char* data, size_t size) {
    pending.append(data, size);
    size_t start = 0;
    for (size_t end; (end = pending.find_first_of("\n\r", start)) != std::string::npos;
         start = end + 1) {
      if (end > start)
        *to << "[rank " << rank << "] " << pending.substr(start, end - start) << "\n";
    }
    pending.erase(0, start);
    to->flush();
  }
  void close_stream() {
    if (!pending.empty()) *to << "[rank " << rank << "] " << pending << "\n";
    pending.clear();
    ::close(fd);
    fd = -1;
  }
};

struct Rank {
  pid_t pid = -1;
  bool running = true;
  int status = 0;  // exit status, or 128 + signal
};

// SIGTERM or SIGINT to the launcher: passed on to the ranks, which stop as they would alone.
volatile sig_atomic_t stop_requested = 0;
void request_stop(int) { stop_requested = 1; }

std::string system_error(const std::string& what) { return what + ": " + std::strerror(errno); }

// Forks rank `rank` with its environment; its stdout and stderr go to new pipes.
Rank start_rank(const LaunchSettings& settings, const std::string& program, int rank, uint16_t port,
                int out[2], int err[2]) {
  if (::pipe(out) != 0 || ::pipe(err) != 0) throw Error(system_error("launch: pipe"));
  const pid_t pid = ::fork();
  if (pid < 0) throw Error(system_error("launch: fork"));
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // a rank does not outlive its launcher
    ::dup2(out[1], STDOUT_FILENO);
    ::dup2(err[1], STDERR_FILENO);
    for (int fd : {out[0], out[1], err[0], err[1]}) ::close(fd);
    const auto set = [](const char* name, const std::string& value) {
      ::setenv(name, value.c_str(), 1);
    };
    set("RANK", std::to_string(rank));
    set("LOCAL_RANK", std::to_string(rank));
    set("WORLD_SIZE", std::to_string(settings.processes));
    set("LOCAL_WORLD_SIZE", std::to_string(settings.processes));
    set("MASTER_ADDR", "127.0.0.1");
    set("MASTER_PORT", std::to_string(port));
    std::vector<char*> argv;
    std::string name = program;  // argv[0]: the path, as `ps` shows it
    argv.push_back(name.data());
    std::vector<std::string> arguments = settings.command;
    for (auto& argument : arguments) argv.push_back(argument.data());
    argv.push_back(nullptr);
    ::execv(program.c_str(), argv.data());
    std::cerr << system_error("launch: cannot run " + program) << "\n";
    ::_exit(127);
  }
  ::close(out[1]);
  ::close(err[1]);
  return Rank{pid};
}

int exit_status(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return 1;
}

}  // namespace

uint16_t free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw Error(system_error("launch: socket"));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  const bool ok = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  ::close(fd);
  if (!ok) throw Error(system_error("launch: no free port on 127.0.0.1"));
  return ntohs(address.sin_port);
}

int launch(const LaunchSettings& settings) {
  if (settings.processes < 1) throw Error("launch: --nproc-per-node must be at least 1");
  if (settings.command.empty()) throw Error("launch: give the command after --");
  const uint16_t port = settings.port != 0 ? settings.port : free_loopback_port();
  const std::string program = settings.program.empty()
                                  ? std::filesystem::read_symlink("/proc/self/exe").string()
                                  : settings.program;
  if (std::getenv("OMP_NUM_THREADS") == nullptr)
    ::setenv("OMP_NUM_THREADS",
             std::to_string(std::max(1, available_cores() / settings.processes)).c_str(), 1);

  std::vector<Rank> ranks;
  std::vector<Stream> streams;
  for (int rank = 0; rank < settings.processes; ++rank) {
    int out[2], err[2];
    ranks.push_back(start_rank(settings, program, rank, port, out, err));
    streams.push_back(Stream{out[0], rank, &std::cout});
    streams.push_back(Stream{err[0], rank, &std::cerr});
  }

  int failed = -1;  // the first rank that failed
  std::chrono::steady_clock::time_point stop_sent;
  bool killed = false, forwarded = false;
  stop_requested = 0;
  ::signal(SIGTERM, request_stop);
  ::signal(SIGINT, request_stop);
  while (true) {
    std::vector<pollfd> polls;
    for (const auto& stream : streams)
      if (stream.fd >= 0) polls.push_back({stream.fd, POLLIN, 0});
    if (!polls.empty()) ::poll(polls.data(), polls.size(), 100);
    for (auto& stream : streams) {
      if (stream.fd < 0) continue;
      pollfd probe{stream.fd, POLLIN, 0};
      if (::poll(&probe, 1, 0) <= 0) continue;
      char buffer[4096];
      const ssize_t got = ::read(stream.fd, buffer, sizeof buffer);
      if (got > 0)
        stream.relay(buffer, static_cast<size_t>(got));
      else
        stream.close_stream();
    }
    bool any_running = false;
    for (int rank = 0; rank < settings.processes; ++rank) {
      auto& process = ranks[static_cast<size_t>(rank)];
      if (!process.running) continue;
      int status = 0;
      if (::waitpid(process.pid, &status, WNOHANG) == process.pid) {
        process.running = false;
        process.status = exit_status(status);
        if (process.status != 0 && failed < 0) {
          failed = rank;
          std::cerr << "mnemo launch: rank " << rank << " exited with status " << process.status
                    << "; stopping the other ranks\n";
          for (const auto& other : ranks)
            if (other.running) ::kill(other.pid, SIGTERM);
          stop_sent = std::chrono::steady_clock::now();
        }
      } else {
        any_running = true;
      }
    }
    if (failed >= 0 && !killed && any_running &&
        std::chrono::steady_clock::now() - stop_sent >
            std::chrono::duration<double>(settings.grace_seconds)) {
      for (const auto& other : ranks)
        if (other.running) ::kill(other.pid, SIGKILL);
      killed = true;
    }
    if (stop_requested != 0 && !forwarded) {
      for (const auto& other : ranks)
        if (other.running) ::kill(other.pid, SIGTERM);
      forwarded = true;
    }
    // Done when every rank has exited and what they wrote has been relayed.
    if (!any_running && polls.empty()) break;
  }
  return failed < 0 ? 0 : ranks[static_cast<size_t>(failed)].status;
}

}  // namespace mnemo::runtime
