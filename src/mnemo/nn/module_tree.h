// Small helpers shared by the Hugging Face-named models.
#pragma once
#include <torch/nn/module.h>

#include <memory>
#include <string>

namespace mnemo::nn {

// An empty module registered under `name`, so that parameters registered in it get Hugging
// Face's dotted names (`attention.self.query`) while forward() stays one function.
inline std::shared_ptr<torch::nn::Module> container(torch::nn::Module& parent,
                                                    const std::string& name) {
  return parent.register_module(name, std::make_shared<torch::nn::Module>());
}

// "[2, 3]", for error messages.
inline std::string shape_text(c10::IntArrayRef shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) text += (i ? ", " : "") + std::to_string(shape[i]);
  return text + "]";
}

}  // namespace mnemo::nn
