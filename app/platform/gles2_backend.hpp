// Entry points of the OpenGL ES 2 build of Dear ImGui's OpenGL renderer (see gles2_backend.cpp).
#pragma once

struct ImDrawData;

bool ImGui_ImplGLES2_Init(const char* glsl_version);
void ImGui_ImplGLES2_Shutdown();
void ImGui_ImplGLES2_NewFrame();
void ImGui_ImplGLES2_RenderDrawData(ImDrawData* draw_data);
bool ImGui_ImplGLES2_CreateFontsTexture();
void ImGui_ImplGLES2_DestroyFontsTexture();
bool ImGui_ImplGLES2_CreateDeviceObjects();
