#include "mnemo/memorization/duplication.h"

#include "mnemo/core/error.h"
#include "mnemo/tasks/random.h"

namespace mnemo::memorization {

DuplicatedData duplicate_sequences(const std::vector<std::vector<int64_t>>& distinct,
                                   const std::vector<int64_t>& copies, uint64_t held_out,
                                   uint64_t seed) {
  if (copies.empty()) throw Error("--copies: give at least one copy count");
  for (const auto count : copies)
    if (count < 1) throw Error("--copies: every count must be at least 1");
  if (held_out >= distinct.size())
    throw Error("--held-out " + std::to_string(held_out) + " leaves no training sequence of the " +
                std::to_string(distinct.size()));
  const size_t training = distinct.size() - held_out;
  std::vector<size_t> order;  // distinct training sequence of each training position
  for (size_t u = 0; u < training; ++u)
    order.insert(order.end(), static_cast<size_t>(copies[u % copies.size()]), u);
  if (order.size() > training) {  // duplicates: Fisher-Yates with the seeded generator
    auto random = tasks::Random::keyed({seed, 0x6475706cULL});
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random.below(i)]);
  }
  DuplicatedData data;
  for (const auto u : order) data.sequences.push_back(distinct[u]);
  for (size_t u = 0; u < distinct.size(); ++u)
    data.distinct_copies.push_back(u < training ? copies[u % copies.size()] : 0);
  for (size_t u = training; u < distinct.size(); ++u) data.sequences.push_back(distinct[u]);
  return data;
}

bool has_duplicates(const std::vector<int64_t>& distinct_copies) {
  for (const auto count : distinct_copies)
    if (count > 1) return true;
  return false;
}

}  // namespace mnemo::memorization
