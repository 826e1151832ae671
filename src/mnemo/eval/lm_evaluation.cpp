#include "mnemo/eval/lm_evaluation.h"

#include "mnemo/rmt/decoder_checkpoint.h"
#include "mnemo/rmt/rmt_config.h"
#include "mnemo/train/lm_learner.h"

namespace mnemo::eval {
namespace {

// Evaluation windows come from their own stream of the text.
constexpr uint64_t kLmEvaluationStream = 4;

}  // namespace

nlohmann::json LmEvalResult::to_json() const {
  return {{"model", model},   {"segments", segments}, {"windows", windows},
          {"tokens", tokens}, {"loss", loss},         {"perplexity", perplexity}};
}

LmEvalResult evaluate_language_model(const LmEvalSettings& settings) {
  auto rmt = rmt::load_decoder_rmt(rmt::model_directory(settings.model));
  // All of the given text is held out: the windows come from anywhere in it.
  const train::TokenText text(train::text_files(settings.data), *rmt.tokenizer, 1.0);
  const tasks::SampleSet set{tasks::Split::validation, settings.seed, kLmEvaluationStream,
                             settings.segments, settings.windows};
  const auto perplexity = train::lm_perplexity(*rmt.model, text, set, settings.batch);
  LmEvalResult result;
  result.model = settings.model;
  result.segments = settings.segments;
  result.windows = settings.windows;
  result.tokens = perplexity.tokens;
  result.loss = perplexity.loss;
  result.perplexity = perplexity.perplexity;
  return result;
}

}  // namespace mnemo::eval
