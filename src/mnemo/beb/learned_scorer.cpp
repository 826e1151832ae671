#include "mnemo/beb/learned_scorer.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>

#include "mnemo/beb/afinn_scorer.h"
#include "mnemo/core/error.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/io/json_file.h"
#include "mnemo/io/safetensors.h"

namespace mnemo::beb {
namespace {

constexpr const char* kAboutFile = "learned-scorer.json";
constexpr const char* kWeightsFile = "model.safetensors";

// Ids and bag offsets of sentences, for embedding_bag.
std::pair<torch::Tensor, torch::Tensor> bags(const std::vector<std::vector<int64_t>>& sentences) {
  std::vector<int64_t> ids, offsets;
  for (const auto& sentence : sentences) {
    offsets.push_back(int64_t(ids.size()));
    ids.insert(ids.end(), sentence.begin(), sentence.end());
  }
  return {torch::tensor(ids, torch::kLong), torch::tensor(offsets, torch::kLong)};
}

// The features seen at least `min_count` times, most frequent first.
std::vector<std::string> feature_vocabulary(const std::vector<std::string>& sentences,
                                            int64_t min_count) {
  std::map<std::string, int64_t> counts;
  for (const auto& sentence : sentences)
    for (const auto& feature : learned_features(sentence)) ++counts[feature];
  std::vector<std::pair<int64_t, std::string>> kept;
  for (const auto& [feature, count] : counts)
    if (count >= min_count) kept.emplace_back(-count, feature);
  std::sort(kept.begin(), kept.end());
  std::vector<std::string> features;
  for (const auto& [count, feature] : kept) features.push_back(feature);
  return features;
}

ScorerQuality quality(const LearnedScorer& scorer, const std::vector<std::string>& sentences,
                      const std::vector<double>& labels) {
  ScorerQuality q;
  q.sentences = int64_t(sentences.size());
  if (sentences.empty()) return q;
  std::vector<double> scores;
  for (const auto& sentence : sentences) scores.push_back(scorer.score(sentence));
  const double n = double(scores.size());
  const double mean_s = std::accumulate(scores.begin(), scores.end(), 0.0) / n;
  const double mean_l = std::accumulate(labels.begin(), labels.end(), 0.0) / n;
  double covariance = 0, var_s = 0, var_l = 0, squares = 0;
  int64_t signed_labels = 0, agreeing = 0;
  for (size_t i = 0; i < scores.size(); ++i) {
    covariance += (scores[i] - mean_s) * (labels[i] - mean_l);
    var_s += (scores[i] - mean_s) * (scores[i] - mean_s);
    var_l += (labels[i] - mean_l) * (labels[i] - mean_l);
    squares += (scores[i] - labels[i]) * (scores[i] - labels[i]);
    if (labels[i] != 0) {
      ++signed_labels;
      agreeing += (scores[i] > 0) == (labels[i] > 0);
    }
  }
  q.mean_squared_error = squares / n;
  q.correlation = var_s > 0 && var_l > 0 ? covariance / std::sqrt(var_s * var_l) : 0;
  q.sign_agreement = signed_labels ? double(agreeing) / double(signed_labels) : 0;
  return q;
}

}  // namespace

std::vector<std::string> learned_features(const std::string& sentence) {
  auto features = afinn_words(sentence);
  const size_t words = features.size();
  for (size_t i = 0; i + 1 < words; ++i) features.push_back(features[i] + " " + features[i + 1]);
  return features;
}

LearnedScorer::LearnedScorer(std::vector<std::string> features, torch::Tensor embedding,
                             torch::Tensor hidden_bias, torch::Tensor output_weight,
                             torch::Tensor output_bias)
    : features_(std::move(features)),
      embedding_(std::move(embedding)),
      hidden_bias_(std::move(hidden_bias)),
      output_weight_(std::move(output_weight)),
      output_bias_(std::move(output_bias)) {
  for (size_t i = 0; i < features_.size(); ++i) index_.emplace(features_[i], int64_t(i));
}

LearnedScorer::LearnedScorer(const std::filesystem::path& dir) {
  const auto about_path = dir / kAboutFile;
  if (!std::filesystem::exists(about_path))
    throw file_error(dir.string(), std::string("is not a learned scorer (no ") + kAboutFile +
                                       "; mnemo beb train-scorer writes one)");
  const auto about = io::read_json_file(about_path);
  features_ = io::json_field<std::vector<std::string>>(about, "features", {}, about_path.string());
  const io::SafetensorsFile weights(dir / kWeightsFile);
  const auto dim = io::json_field<int64_t>(about, "dim", 0, about_path.string());
  const auto read = [&](const std::string& name, std::vector<int64_t> shape) {
    if (!weights.contains(name))
      throw file_error(weights.path().string(), "has no tensor '" + name + "'");
    auto tensor = weights.tensor_f32(name);
    if (tensor.sizes().vec() != shape)
      throw file_error(weights.path().string(),
                       "tensor '" + name + "' has shape " + c10::str(tensor.sizes()) + ", " +
                           about_path.string() + " says " + c10::str(c10::IntArrayRef(shape)));
    return tensor;
  };
  embedding_ = read("embedding", {int64_t(features_.size()), dim});
  hidden_bias_ = read("hidden_bias", {dim});
  output_weight_ = read("output_weight", {dim});
  output_bias_ = read("output_bias", {1});
  for (size_t i = 0; i < features_.size(); ++i) index_.emplace(features_[i], int64_t(i));
}

std::vector<int64_t> LearnedScorer::feature_ids(const std::string& sentence) const {
  std::vector<int64_t> ids;
  for (const auto& feature : learned_features(sentence))
    if (const auto found = index_.find(feature); found != index_.end())
      ids.push_back(found->second);
  return ids;
}

torch::Tensor LearnedScorer::forward(const torch::Tensor& ids, const torch::Tensor& offsets) const {
  namespace F = torch::nn::functional;
  const auto mean = F::embedding_bag(
      ids, embedding_, F::EmbeddingBagFuncOptions().offsets(offsets).mode(torch::kMean));
  return torch::tanh(torch::tanh(mean + hidden_bias_).matmul(output_weight_) + output_bias_);
}

double LearnedScorer::score(const std::string& sentence) const {
  torch::NoGradGuard no_grad;
  const auto [ids, offsets] = bags({feature_ids(sentence)});
  return forward(ids, offsets)[0].item<double>();
}

std::vector<torch::Tensor> LearnedScorer::parameters() const {
  return {embedding_, hidden_bias_, output_weight_, output_bias_};
}

void LearnedScorer::save(const std::filesystem::path& dir, const nlohmann::json& about) const {
  io::AtomicDirectory out(dir);
  auto json = about;
  json["features"] = features_;
  json["dim"] = embedding_.size(1);
  io::write_file_atomic(out.staging() / kAboutFile, json.dump(1) + "\n");
  io::save_safetensors(out.staging() / kWeightsFile, {{"embedding", embedding_.detach()},
                                                      {"hidden_bias", hidden_bias_.detach()},
                                                      {"output_weight", output_weight_.detach()},
                                                      {"output_bias", output_bias_.detach()}});
  out.commit();
}

TrainedScorer train_learned_scorer(const std::vector<std::string>& sentences,
                                   const std::vector<double>& labels,
                                   const LearnedScorerTraining& options,
                                   const std::function<void(int64_t, double)>& progress) {
  if (sentences.size() != labels.size())
    throw Error("train-scorer: " + std::to_string(sentences.size()) + " sentences but " +
                std::to_string(labels.size()) + " labels");
  if (!(options.held_out_fraction >= 0 && options.held_out_fraction < 1))
    throw Error("train-scorer: --held-out must lie in [0, 1)");
  if (options.dim < 1 || options.epochs < 1 || options.batch < 1)
    throw Error("train-scorer: --dim, --epochs and --batch must be positive");
  std::vector<size_t> order(sentences.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 random(options.seed);
  std::shuffle(order.begin(), order.end(), random);
  const auto held = static_cast<size_t>(options.held_out_fraction * double(order.size()));
  const std::vector<size_t> held_out(order.end() - held, order.end());
  order.resize(order.size() - held);
  if (order.size() < 2) throw Error("train-scorer: fewer than 2 training sentences");

  std::vector<std::string> training;
  for (const auto i : order) training.push_back(sentences[i]);
  auto features = feature_vocabulary(training, options.min_count);
  if (features.empty())
    throw Error("train-scorer: no word occurs " + std::to_string(options.min_count) +
                " times in the training sentences");
  torch::manual_seed(options.seed);
  const auto features_count = int64_t(features.size());
  LearnedScorer scorer(
      std::move(features), (torch::randn({features_count, options.dim}) * 0.1).requires_grad_(),
      torch::zeros({options.dim}).requires_grad_(),
      (torch::randn({options.dim}) * 0.1).requires_grad_(), torch::zeros({1}).requires_grad_());
  std::vector<std::vector<int64_t>> ids;
  for (const auto& sentence : training) ids.push_back(scorer.feature_ids(sentence));
  torch::optim::Adam optimizer(scorer.parameters(),
                               torch::optim::AdamOptions(options.learning_rate));
  std::vector<size_t> batch_order(order.size());
  std::iota(batch_order.begin(), batch_order.end(), 0);
  for (int64_t epoch = 1; epoch <= options.epochs; ++epoch) {
    std::shuffle(batch_order.begin(), batch_order.end(), random);
    double loss_sum = 0;
    for (size_t first = 0; first < batch_order.size(); first += options.batch) {
      std::vector<std::vector<int64_t>> batch;
      std::vector<double> targets;
      for (size_t j = first; j < std::min(batch_order.size(), first + options.batch); ++j) {
        batch.push_back(ids[batch_order[j]]);
        targets.push_back(labels[order[batch_order[j]]]);
      }
      const auto [bag_ids, offsets] = bags(batch);
      const auto loss =
          torch::mse_loss(scorer.forward(bag_ids, offsets), torch::tensor(targets, torch::kFloat));
      optimizer.zero_grad();
      loss.backward();
      optimizer.step();
      loss_sum += loss.item<double>() * double(batch.size());
    }
    if (!std::isfinite(loss_sum))
      throw Error("train-scorer: the loss became " + std::to_string(loss_sum) + " in epoch " +
                  std::to_string(epoch) + " (lower --lr)");
    if (progress) progress(epoch, loss_sum / double(batch_order.size()));
  }
  std::vector<std::string> held_sentences;
  std::vector<double> held_labels;
  for (const auto i : held_out) {
    held_sentences.push_back(sentences[i]);
    held_labels.push_back(labels[i]);
  }
  const auto held_quality = quality(scorer, held_sentences, held_labels);
  return {std::move(scorer), held_quality, int64_t(order.size())};
}

}  // namespace mnemo::beb
