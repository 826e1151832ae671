// The pipelines of `mnemo clamp` (embed, search, classify, evaluate) on a random tiny CLaMP,
// each checked against the same numbers computed another way: embeddings one input at a time
// through `embed`, similarities and softmaxes computed here.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "mnemo/clamp/clamp_checkpoint.h"
#include "mnemo/clamp/music_text_data.h"
#include "mnemo/clamp/pipeline.h"
#include "mnemo/clamp/retrieval.h"
#include "mnemo/clamp/synthetic_tunes.h"
#include "mnemo/io/atomic_file.h"
#include "mnemo/text/byte_level_bpe_trainer.h"
#include "test_support.h"

namespace mnemo::clamp {
namespace {

namespace fs = std::filesystem;
using testing::error_of;

// A tiny CLaMP with random weights and a byte-level BPE vocabulary learnt from generated
// tunes' texts, in mnemo's layout (tokenizer inside), made once per process; beside it
// tunes.json (12 generated tunes) and tunes/<i>.abc, their music.
const fs::path& pipeline_test_dir() {
  static testing::ScratchDir dir;
  static const bool made = [] {
    const auto tunes = synthetic_tunes(5, 12);
    std::vector<std::string> texts;
    for (const auto& tune : tunes) texts.push_back(tune.text);
    text::BpeTrainingOptions options;
    options.vocab_size = 320;
    options.special_tokens = {"<s>", "<pad>", "</s>", "<unk>", "<mask>"};
    text::train_byte_level_bpe(texts, options, dir / "tokenizer");
    const ClampTokenizer tokenizer(dir / "tokenizer", 128);
    torch::manual_seed(11);
    ClampModel model(clamp_geometry("tiny", tokenizer.vocab_size(), 48));
    init_clamp_weights(*model);
    io::AtomicDirectory out(dir / "model");
    save_clamp(out, *model);
    for (const char* name : {"vocab.json", "merges.txt"})
      fs::copy_file(dir / "tokenizer" / name, out.staging() / name);
    out.commit();
    write_music_text_json(dir / "tunes.json", tunes);
    fs::create_directories(dir / "tunes");
    for (size_t i = 0; i < tunes.size(); ++i)
      io::write_file_atomic(dir / "tunes" / (std::to_string(i) + ".abc"), tunes[i].music);
    return true;
  }();
  (void)made;
  return dir.path();
}

ModelChoice test_model() { return {(pipeline_test_dir() / "model").string(), ""}; }

std::string tune_file(size_t i) {
  return (pipeline_test_dir() / "tunes" / (std::to_string(i) + ".abc")).string();
}

std::vector<double> text_embedding(const std::string& text) {
  EmbedSettings settings{test_model()};
  settings.text = text;
  return embed(settings).values;
}

std::vector<double> music_embedding(const std::string& file) {
  EmbedSettings settings{test_model()};
  settings.music = file;
  return embed(settings).values;
}

double cosine_of(const std::vector<double>& a, const std::vector<double>& b) {
  double ab = 0, aa = 0, bb = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    ab += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return ab / std::sqrt(aa * bb);
}

// exp(scale x row) normalised: (L) -> (L)
std::vector<double> softmax_of(const std::vector<double>& row, double scale) {
  std::vector<double> out;
  double total = 0;
  for (const double x : row) total += std::exp(scale * x);
  for (const double x : row) out.push_back(std::exp(scale * x) / total);
  return out;
}

// A Progress that keeps its notes.
struct NoteLog {
  std::vector<std::string> notes;
  Progress progress() {
    Progress p;
    p.on_note = [this](const std::string& line) { notes.push_back(line); };
    return p;
  }
  bool has(const std::string& text) const {
    for (const auto& note : notes)
      if (note.find(text) != std::string::npos) return true;
    return false;
  }
};

TEST(ClampPipeline, EmbedTakesExactlyOneInputAndTokenIdsOfTheVocabulary) {
  const auto text = text_embedding("a fast jig in D major");
  EXPECT_EQ(text.size(), 64u);  // the tiny geometry
  const ClampTokenizer tokenizer(test_model().model, 128);
  std::string ids;
  for (const auto id : tokenizer.encode("a fast jig in D major"))
    ids += (ids.empty() ? "" : ",") + std::to_string(id);
  EmbedSettings by_ids{test_model()};
  by_ids.text_ids = ids;
  EXPECT_EQ(embed(by_ids).values, text);
  EXPECT_NE(music_embedding(tune_file(0)), music_embedding(tune_file(1)));

  EmbedSettings both{test_model()};
  both.text = "a";
  both.music = tune_file(0);
  EXPECT_NE(error_of([&] { embed(both); }).find("give exactly one of --text, --text-ids"),
            std::string::npos);
  by_ids.text_ids = "0,x,2";
  EXPECT_EQ(error_of([&] { embed(by_ids); }),
            "--text-ids: 'x' is not a token id (a whole number >= 0)");
  by_ids.text_ids = "0,100000,2";
  EXPECT_NE(error_of([&] { embed(by_ids); }).find("100000 is outside the vocabulary"),
            std::string::npos);
  EXPECT_EQ(parse_token_ids("0, 7,2"), (std::vector<int64_t>{0, 7, 2}));
}

TEST(ClampPipeline, SearchRanksEveryKeyByCosineWithTheOfficialSoftmaxAndCachesTheKeys) {
  testing::ScratchDir dir;
  fs::create_directories(dir / "keys");
  for (size_t i = 0; i < 4; ++i)
    fs::copy_file(tune_file(i), dir / "keys" / (std::to_string(i) + ".abc"));
  SearchSettings settings;
  settings.model = test_model();
  settings.query_text = "a slow waltz";
  settings.keys = (dir / "keys").string();
  settings.cache = (dir / "cache.safetensors").string();
  settings.top_n = 0;
  NoteLog first_log;
  const auto first = search(settings, first_log.progress());
  EXPECT_TRUE(first_log.has("embedding 4 keys")) << first_log.notes.size();
  ASSERT_EQ(first.hits.size(), 4u);

  const auto query = text_embedding(settings.query_text);
  std::vector<double> similarities;
  for (size_t i = 0; i < 4; ++i)
    similarities.push_back(cosine_of(query, music_embedding(tune_file(i))));
  const auto probabilities = softmax_of(similarities, std::exp(1.0));  // e^t, t = 1
  for (size_t rank = 0; rank < first.hits.size(); ++rank) {
    const auto& hit = first.hits[rank];
    EXPECT_EQ(hit.rank, static_cast<int64_t>(rank + 1));
    if (rank > 0) EXPECT_GE(first.hits[rank - 1].similarity, hit.similarity);
    const size_t key = std::stoul(hit.name);  // "<i>.abc"
    EXPECT_NEAR(hit.similarity, similarities[key], 1e-5) << hit.name;
    EXPECT_NEAR(hit.probability, probabilities[key], 1e-6) << hit.name;
  }

  NoteLog cached_log;
  const auto cached = search(settings, cached_log.progress());
  EXPECT_TRUE(cached_log.has("key embeddings from the cache")) << cached_log.notes.size();
  EXPECT_EQ(cached.to_json(), first.to_json());
  io::write_file_atomic(dir / "keys" / "1.abc", io::read_file(tune_file(7)));
  NoteLog changed_log;
  settings.top_n = 2;
  EXPECT_EQ(search(settings, changed_log.progress()).hits.size(), 2u);
  EXPECT_TRUE(changed_log.has("embedding 4 keys"));

  settings.query_music = tune_file(0);
  EXPECT_NE(error_of([&] { search(settings); }).find("exactly one of --query-text"),
            std::string::npos);
}

TEST(ClampPipeline, ClassifyGivesTheSoftmaxOfScaledSimilaritiesToTheLabelPrompts) {
  ClassifySettings settings{test_model(), {tune_file(0), tune_file(1)}, " jig, reel ,,waltz"};
  const auto result = classify(settings);
  ASSERT_EQ(result.labels, (std::vector<std::string>{"jig", "reel", "waltz"}));
  ASSERT_EQ(result.pieces.size(), 2u);
  const double scale = load_clamp(test_model().model).model->logit_scale.exp().item<double>();
  std::vector<std::vector<double>> prompts;
  for (const auto& label : result.labels)
    prompts.push_back(text_embedding("This is a " + label + " song."));
  for (size_t i = 0; i < result.pieces.size(); ++i) {
    const auto& piece = result.pieces[i];
    EXPECT_EQ(piece.file, settings.music[i]);
    const auto music = music_embedding(piece.file);
    std::vector<double> similarities;
    for (const auto& prompt : prompts) similarities.push_back(cosine_of(music, prompt));
    const auto want = softmax_of(similarities, scale);
    ASSERT_EQ(piece.probabilities.size(), want.size());
    double total = 0;
    for (size_t j = 0; j < want.size(); ++j) {
      EXPECT_NEAR(piece.probabilities[j], want[j], 1e-5) << piece.file << " " << j;
      total += piece.probabilities[j];
    }
    EXPECT_NEAR(total, 1.0, 1e-6);
    const auto best = std::max_element(piece.probabilities.begin(), piece.probabilities.end());
    EXPECT_EQ(piece.label, result.labels[static_cast<size_t>(best - piece.probabilities.begin())]);
  }
  EXPECT_EQ(result.to_json()["results"][0]["probabilities"].size(), 3u);
  EXPECT_EQ(error_of([] { split_labels(" , "); }), "--labels: no labels");
}

void expect_same_metrics(const RetrievalMetrics& got, const RetrievalMetrics& want) {
  EXPECT_NEAR(got.mrr, want.mrr, 1e-9);
  EXPECT_NEAR(got.hit_at_1, want.hit_at_1, 1e-9);
  EXPECT_NEAR(got.hit_at_10, want.hit_at_10, 1e-9);
  EXPECT_NEAR(got.hit_at_100, want.hit_at_100, 1e-9);
}

TEST(ClampPipeline, EvaluateRanksEachTextsOwnPieceAsEmbeddingsComputedOneAtATimeDo) {
  EvalSettings settings;
  settings.model = test_model();
  settings.data = (pipeline_test_dir() / "tunes.json").string();
  settings.split = "all";
  const auto report = evaluate(settings);
  const auto pairs = read_music_text_json(settings.data);
  ASSERT_EQ(report.pieces, static_cast<int64_t>(pairs.size()));

  std::vector<std::vector<double>> texts, pieces;
  for (size_t i = 0; i < pairs.size(); ++i) {
    texts.push_back(text_embedding(pairs[i].text));
    pieces.push_back(music_embedding(tune_file(i)));
  }
  // Similarities of texts (rows) and pieces (columns); each text's own piece is its index.
  const auto count = static_cast<int64_t>(pairs.size());
  auto similarity = torch::empty({count, count}, torch::kDouble);
  std::vector<int64_t> own;
  for (int64_t i = 0; i < count; ++i) {
    own.push_back(i);
    for (int64_t j = 0; j < count; ++j)
      similarity[i][j] = cosine_of(texts[static_cast<size_t>(i)], pieces[static_cast<size_t>(j)]);
  }
  expect_same_metrics(report.text_to_music, retrieval_metrics(similarity, own));
  expect_same_metrics(report.music_to_text, retrieval_metrics(similarity.t(), own));
  expect_same_metrics(report.retrieval_chance, chance_retrieval_metrics(report.pieces));

  // Genre: classify's labels for the same pieces, over every genre of the file.
  ASSERT_TRUE(report.genre);
  std::string labels;
  std::map<std::string, int> counts;
  for (const auto& pair : pairs) ++counts[pair.genre];
  for (const auto& [genre, count] : counts) labels += (labels.empty() ? "" : ",") + genre;
  ClassifySettings classify_settings{test_model(), {}, labels, settings.text_template};
  for (size_t i = 0; i < pairs.size(); ++i) classify_settings.music.push_back(tune_file(i));
  const auto classified = classify(classify_settings);
  EXPECT_EQ(report.genre->labels, classified.labels);
  double right = 0;
  int majority = 0;
  for (size_t i = 0; i < pairs.size(); ++i)
    right += classified.pieces[i].label == pairs[i].genre ? 1 : 0;
  for (const auto& [genre, count] : counts) majority = std::max(majority, count);
  EXPECT_NEAR(report.genre->accuracy, right / pairs.size(), 1e-12);
  EXPECT_NEAR(report.genre->majority_accuracy, double(majority) / pairs.size(), 1e-12);
  EXPECT_NEAR(report.genre->chance_accuracy, 1.0 / counts.size(), 1e-12);

  const auto json = report.to_json();
  EXPECT_EQ(json["pieces"], report.pieces);
  EXPECT_FALSE(json["text_to_music"].contains("queries"));
  EXPECT_EQ(json["genre"]["template"], settings.text_template);

  testing::write_text(pipeline_test_dir() / "one.json",
                      nlohmann::json::array({{{"music", pairs[0].music}, {"text", "x"}}}).dump());
  settings.data = (pipeline_test_dir() / "one.json").string();
  EXPECT_EQ(error_of([&] { evaluate(settings); }),
            settings.data + ": the all split holds fewer than 2 pieces");
}

}  // namespace
}  // namespace mnemo::clamp
